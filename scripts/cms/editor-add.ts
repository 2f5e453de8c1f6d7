// `EDITOR_EMAIL=… EDITOR_PASSWORD=… npm run editor:add`: creates an editor, or
// sets a new password for an existing one. The password comes from the
// environment only (never argv, which `ps` shows to every user) and is never printed.
import { z } from 'zod';
import { runWithPayload } from './payload-script';

const MIN_PASSWORD_LENGTH = 12;

const input = z.object({
  EDITOR_EMAIL: z.email({ error: 'EDITOR_EMAIL must be an email address' }),
  EDITOR_PASSWORD: z.string({ error: 'EDITOR_PASSWORD is not set' }).min(MIN_PASSWORD_LENGTH, {
    error: `EDITOR_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters`,
  }),
});

const parsed = input.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(issue.message);
  console.error('Usage: EDITOR_EMAIL=you@example.org EDITOR_PASSWORD=\'…\' npm run editor:add');
  process.exit(2);
}
const { EDITOR_EMAIL: email, EDITOR_PASSWORD: password } = parsed.data;

void runWithPayload(async (payload) => {
  const existing = await payload.find({ collection: 'users', where: { email: { equals: email.toLowerCase() } }, limit: 1, overrideAccess: true });
  const user = existing.docs[0];
  if (user) {
    // A new password also lifts a lockout: the person at the console is trusted.
    await payload.update({ collection: 'users', id: user.id, data: { password, loginAttempts: 0, lockUntil: null }, overrideAccess: true });
    console.log(`Editor ${email} updated: new password set.`);
  } else {
    await payload.create({ collection: 'users', data: { email, password }, overrideAccess: true });
    console.log(`Editor ${email} created: sign in at /admin.`);
  }
});
