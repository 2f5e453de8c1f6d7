import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresAdapter } from '@payloadcms/db-postgres';
import { sqliteAdapter } from '@payloadcms/db-sqlite';
import { en } from '@payloadcms/translations/languages/en';
import { fr } from '@payloadcms/translations/languages/fr';
import { buildConfig } from 'payload';
import { Articles } from './collections/articles';
import { Media } from './collections/media';
import { Sections } from './collections/sections';
import { Tags } from './collections/tags';
import { Users } from './collections/users';
import { locales } from './i18n/routing';
import { cmsAllowedOrigins, cmsDatabase, payloadSecret } from './lib/cms/cms-environment';
import { JOB_LIMIT, JOB_QUEUE, runScheduledJobsOnce } from './lib/publishing/scheduled-jobs';
import { siteOrigin } from './lib/site-config';
import { logIdleConnectionErrors } from './lib/store/store-unavailable';
import { postgresMigrations, sqliteMigrations } from './migrations';

const dirname = path.dirname(fileURLToPath(import.meta.url));
const database = cmsDatabase();
// Migrations, never schema push, outside `next dev`: a production database changes only by a reviewed migration.
const push = process.env.NODE_ENV === 'development' && process.env.CMS_PUSH === '1';

export default buildConfig({
  secret: payloadSecret(),
  routes: { admin: '/admin', api: '/cms/api' },
  // CSRF: the editor's cookie counts only on requests from these origins.
  csrf: cmsAllowedOrigins(siteOrigin),
  admin: {
    user: Users.slug,
    meta: { titleSuffix: ' · Northern Dispatch CMS', robots: 'noindex, nofollow' },
    importMap: { baseDir: dirname },
  },
  // The admin speaks the editor's language (their browser's, or their choice in the account view).
  i18n: { supportedLanguages: { en, fr }, fallbackLanguage: 'en' },
  // An article may exist in one language only: no fallback from one to the other.
  localization: {
    locales: locales.map((code) => ({ code, label: code === 'en' ? 'English' : 'Français' })),
    defaultLocale: 'en',
    fallback: false,
  },
  collections: [Articles, Sections, Tags, Media, Users],
  // Scheduled publishing: Payload queues a job per schedule; the server runs due jobs every second
  // (one indexed query), so an article appears within about a second of its time. On PostgreSQL
  // the run happens once across instances, under an advisory lock (lib/publishing/scheduled-jobs.ts).
  jobs: {
    autoRun: [{ cron: '* * * * * *', queue: JOB_QUEUE, limit: JOB_LIMIT }],
    shouldAutoRun: (payload) => runScheduledJobsOnce(payload),
  },
  db:
    database.kind === 'postgres'
      ? postgresAdapter({
          pool: { connectionString: database.connectionString },
          migrationDir: path.resolve(dirname, 'migrations/postgres'),
          prodMigrations: postgresMigrations,
          push,
        })
      : sqliteAdapter({
          client: { url: database.url },
          migrationDir: path.resolve(dirname, 'migrations/sqlite'),
          prodMigrations: sqliteMigrations,
          push,
        }),
  // Payload's PostgreSQL pool has no 'error' listener: an idle connection closed by a database
  // restart would throw in the server (an uncaught exception) instead of being logged.
  onInit: (payload) => {
    const { pool } = payload.db as { pool?: Parameters<typeof logIdleConnectionErrors>[0] };
    if (pool) logIdleConnectionErrors(pool, 'cms');
  },
  // No GraphQL: the REST API at /cms/api is the only remote interface, one surface fewer to harden.
  graphQL: { disable: true },
  telemetry: false,
  typescript: { outputFile: path.resolve(dirname, 'collections/payload-types.ts'), autoGenerate: false },
});
