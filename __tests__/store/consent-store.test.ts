/** @jest-environment node */
import { openPostgresHarness } from './postgres-harness';
import { openSqliteHarness } from './sqlite-harness';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', openSqliteHarness);

const testDatabaseUrl = process.env.TEST_DATABASE_URL;
if (testDatabaseUrl) {
  describeStoreContract('PostgreSQL', () => openPostgresHarness(testDatabaseUrl));
} else if (process.env.CI === 'true') {
  // CI promises that both stores are tested; a missing database must fail the run, never shrink it.
  describe('PostgreSQL store', () => {
    it('has a database to run against in CI', () => {
      throw new Error(
        'TEST_DATABASE_URL is not set: CI must start PostgreSQL (scripts/ci/start-postgres.sh) and export its URL.',
      );
    });
  });
} else {
  console.warn('PostgreSQL store suite not run: set TEST_DATABASE_URL (see scripts/ci/start-postgres.sh).');
}
