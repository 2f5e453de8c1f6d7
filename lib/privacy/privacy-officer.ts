import { z } from 'zod';

/**
 * The person in charge of the protection of personal information, whose
 * title and contact details Quebec's private sector act (s. 3.2) requires on
 * the site. Read at build time (the privacy page is static).
 */
export type PrivacyOfficer = {
  name: string | null;
  email: string | null;
  /** What is missing or invalid, for the build warning. */
  problems: string[];
};

const email = z.email();

export function privacyOfficerFromEnv(env: NodeJS.ProcessEnv = process.env): PrivacyOfficer {
  const problems: string[] = [];
  const name = env.PRIVACY_OFFICER_NAME?.trim() || null;
  if (!name) problems.push('PRIVACY_OFFICER_NAME is not set');
  const rawEmail = env.PRIVACY_OFFICER_EMAIL?.trim() || null;
  let validEmail: string | null = null;
  if (!rawEmail) problems.push('PRIVACY_OFFICER_EMAIL is not set');
  else if (!email.safeParse(rawEmail).success) problems.push(`PRIVACY_OFFICER_EMAIL "${rawEmail}" is not an email address`);
  else validEmail = rawEmail;
  return { name, email: validEmail, problems };
}

let warned = false;

/**
 * Warns once per process during `next build` when the officer is not fully
 * configured: the page then says so to readers, which the law does not
 * accept for long.
 */
export function warnIfPrivacyOfficerMissing(
  officer: PrivacyOfficer,
  phase: string | undefined = process.env.NEXT_PHASE,
  warn: (message: string) => void = console.warn,
): void {
  if (warned || phase !== 'phase-production-build' || officer.problems.length === 0) return;
  warned = true;
  warn(
    `⚠ Privacy page: ${officer.problems.join('; ')}. The page tells readers that no person in charge of personal information is named (Quebec private sector act, s. 3.2).`,
  );
}
