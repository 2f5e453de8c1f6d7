import { existsSync, readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { SERVER_PID_FILE } from './config';

export default async function globalTeardown(): Promise<void> {
  if (existsSync(SERVER_PID_FILE)) {
    for (const line of readFileSync(SERVER_PID_FILE, 'utf8').split('\n').filter(Boolean)) {
      try {
        // Each server was started detached: kill its whole process group.
        process.kill(-Number(line), 'SIGTERM');
      } catch {
        // already gone
      }
    }
    rmSync(SERVER_PID_FILE, { force: true });
  }
  const database = process.env.E2E_POSTGRES_DATABASE_URL ? new URL(process.env.E2E_POSTGRES_DATABASE_URL).pathname.slice(1) : null;
  if (database && process.env.TEST_DATABASE_URL) {
    const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    // The server may still hold connections for a moment after SIGTERM.
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
  }
}
