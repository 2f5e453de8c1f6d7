/** @jest-environment node */
import { describeOnPostgres } from '../support/test-database';
import { openPostgresHarness } from './postgres-harness';
import { openSqliteHarness } from './sqlite-harness';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', openSqliteHarness);

// Both stores, always: a missing database fails the run, never shrinks it.
describeOnPostgres('PostgreSQL store', (databaseUrl) => describeStoreContract('PostgreSQL', () => openPostgresHarness(databaseUrl)));
