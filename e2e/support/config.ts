export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A second production server on PostgreSQL (global-setup.ts), when TEST_DATABASE_URL is set. */
export const POSTGRES_PORT = E2E_PORT + 1;
export const POSTGRES_BASE_URL = `http://127.0.0.1:${POSTGRES_PORT}`;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST_DIR = process.env.NEXT_DIST_DIR ?? '.next';
export const SERVER_PID_FILE = `${process.cwd()}/${DIST_DIR}/e2e-servers.pid`;
