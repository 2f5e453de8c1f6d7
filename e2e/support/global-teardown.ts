import { existsSync, readFileSync, rmSync } from 'node:fs';
import { SERVER_PID_FILE } from './config';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(SERVER_PID_FILE)) return;
  const pid = Number(readFileSync(SERVER_PID_FILE, 'utf8'));
  try {
    // The server was started detached: kill its whole process group.
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
  rmSync(SERVER_PID_FILE, { force: true });
}
