/**
 * The PostgreSQL the suites run against. `npm test` starts one (as root,
 * scripts/ci/start-postgres.sh) and exports its URL; the suites that need it
 * never skip themselves silently: without it they fail, saying what to run.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL;

const MISSING =
  "TEST_DATABASE_URL is not set: start PostgreSQL with scripts/ci/start-postgres.sh (npm test does) and export the URL it prints.";

/** `describe(title, body)` against the test database, or one failing test naming what is missing. */
export function describeOnPostgres(
  title: string,
  body: (databaseUrl: string) => void,
): void {
  const url = testDatabaseUrl;
  if (url) {
    describe(title, () => body(url));
    return;
  }
  describe(title, () => {
    it("has a PostgreSQL to run against", () => {
      throw new Error(MISSING);
    });
  });
}
