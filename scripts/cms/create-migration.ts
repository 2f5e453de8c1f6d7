// Writes a migration for the adapter in use (SQLite by default, PostgreSQL with
// DATABASE_URL): `npm run cms:migration -- <name>`, once without and once with DATABASE_URL.
import { runWithPayload } from './payload-script';

const name = process.argv[2] ?? 'change';
void runWithPayload(async (payload) => {
  await payload.db.createMigration({ migrationName: name, payload, forceAcceptWarning: true });
});
