// The framework floor: a one-page Next.js app with nothing of ours in it,
// generated in a temporary folder and built with the project's own
// next/react/react-dom (node_modules is a symlink, so nothing is installed).
import { mkdtempSync, mkdirSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function commonAncestor(a: string, b: string): string {
  const partsA = a.split(path.sep);
  const partsB = b.split(path.sep);
  const shared = [];
  for (let i = 0; i < Math.min(partsA.length, partsB.length) && partsA[i] === partsB[i]; i += 1) shared.push(partsA[i]);
  return shared.join(path.sep) || path.sep;
}

/** @param repoRoot the project whose node_modules the app borrows */
export function createBlankNextApp(repoRoot: string): { dir: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'bench-blank-next-')));
  const nodeModules = path.join(dir, 'node_modules');
  symlinkSync(path.join(repoRoot, 'node_modules'), nodeModules, 'dir');
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-blank-next', private: true }, null, 2));
  // Turbopack compiles nothing outside its root, and node_modules resolves
  // into the project: the root must contain both folders.
  const root = commonAncestor(dir, realpathSync(repoRoot));
  writeFileSync(path.join(dir, 'next.config.mjs'), `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`);
  writeFileSync(
    path.join(dir, 'app', 'layout.js'),
    `export const metadata = { title: 'Blank', description: 'A blank Next.js page' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  );
  writeFileSync(
    path.join(dir, 'app', 'page.js'),
    `export default function Page() {
  return (
    <main>
      <h1>Blank page</h1>
      <p>The framework floor: nothing here but Next.js and React.</p>
    </main>
  );
}
`,
  );
  return {
    dir,
    remove: () => {
      // Unlink first so that removing the folder can never reach the project's node_modules.
      try {
        unlinkSync(nodeModules);
      } catch {
        // Already gone.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
