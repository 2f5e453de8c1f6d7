// Writes app/(payload)/admin/importMap.js: the admin's client components by
// path. Run after changing collections' admin components: `npm run cms:importmap`.
import { generateImportMap } from 'payload';
import { runWithPayload } from './payload-script';

void runWithPayload(async (payload) => {
  await generateImportMap(payload.config, { force: true, log: true });
});
