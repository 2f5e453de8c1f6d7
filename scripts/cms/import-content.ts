// `npm run content:import -- <folder>`: bulk-imports Markdown articles laid out
// like content/ (taxonomy.json, articles/<id>/<locale>.md), then asks the
// running server, if any, to bring its caches up to date.
import path from 'node:path';
import { importContentFolder } from '../../lib/cms/content-import';
import { notifyServer } from './notify-server';
import { runWithPayload } from './payload-script';

const folder = process.argv[2];
if (!folder) {
  console.error('Usage: npm run content:import -- <folder>');
  process.exit(2);
}

void runWithPayload(async (payload) => {
  const report = await importContentFolder(payload, folder, { publicDir: path.resolve('public') });
  console.log(`${report.articlesCreated} articles imported, ${report.articlesSkipped} skipped (already there).`);
  if (report.articlesCreated + report.sectionsCreated + report.tagsCreated > 0) await notifyServer('content import');
});
