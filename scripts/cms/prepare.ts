// `npm start` runs this before building: the CMS database is created and
// migrated, the seed in content/ is imported once, and a missing editor is
// pointed out. Idempotent; safe to run on every start.
import path from 'node:path';
import { importContentFolder } from '../../lib/cms/content-import';
import { missingMigrations } from '../../lib/cms/migration-check';
import { runWithPayload } from './payload-script';

void runWithPayload(async (payload) => {
  // Payload ran pending migrations when it started (production mode); check it did.
  await payload.db.migrate();
  const missing = await missingMigrations(payload);
  if (missing.length) throw new Error(`CMS migrations did not run: ${missing.join(', ')}`);
  const report = await importContentFolder(payload, path.resolve('content'), { publicDir: path.resolve('public') });
  console.log(
    `CMS ready (${payload.db.name}): ${report.articlesCreated} articles imported, ${report.articlesSkipped} already there; ` +
      `${report.sectionsCreated} sections and ${report.tagsCreated} tags created.`,
  );
  const editors = await payload.count({ collection: 'users', overrideAccess: true });
  if (editors.totalDocs === 0) {
    console.log(
      'No editor can sign in to /admin yet. Add one (the password is read from the environment, never from the command line):\n' +
        '  EDITOR_EMAIL=you@example.org EDITOR_PASSWORD=\'at least 12 characters\' npm run editor:add',
    );
  }
});
