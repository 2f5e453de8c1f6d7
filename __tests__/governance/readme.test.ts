import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The README is what a newcomer reads first: its folder map and its
 * configuration table must not fall behind the tree. A new folder (at the top
 * level or directly under lib/) or a new environment variable fails here
 * until the README has a line for it.
 */
const ROOT = process.cwd();
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The backticked names in the first column of the table under `## <heading>`. */
function firstColumnNames(heading: string): Set<string> {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  expect(start).toBeGreaterThan(-1);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const names = new Set<string>();
  for (const line of lines.slice(start + 1, end === -1 ? undefined : end)) {
    if (!line.startsWith('|')) continue;
    const firstCell = line.split('|')[1] ?? '';
    for (const match of firstCell.matchAll(/`([^`]+)`/g)) names.add(match[1]!);
  }
  return names;
}

/** Generated, installed or local-only folders: not part of the house. */
const NOT_MAPPED = new Set(['node_modules', '.next', 'data', '.git', 'test-results', 'bench' /* bench/results: the bench's raw output, git-ignored */]);

function foldersIn(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && !NOT_MAPPED.has(entry.name))
    .map((entry) => entry.name);
}

/** Where code that runs (or builds, or tests the site from the outside) reads its environment. */
const CODE_DIRS = ['app', 'components', 'lib', 'server', 'scripts', 'i18n', 'collections'];
const CODE_FILES = ['proxy.ts', 'next.config.ts', 'payload.config.ts', 'instrumentation.ts'];
const CODE_EXTENSIONS = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function codeFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && CODE_EXTENSIONS.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `process.env.X` and `process.env['X']` (or "X"), the two ways the code reads a variable. */
function environmentVariablesIn(source: string): string[] {
  const dotted = [...source.matchAll(/process\.env\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const indexed = [...source.matchAll(/process\.env\[\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*\]/g)].map((m) => m[2]!);
  return [...dotted, ...indexed];
}

describe('the README', () => {
  it('stays short enough to read in ten minutes (at most 150 lines)', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(150);
  });

  describe('folder map', () => {
    const mapped = firstColumnNames('Layout');

    it('has a line for every top-level folder', () => {
      const folders = foldersIn('.');
      expect(folders).toEqual(expect.arrayContaining(['app', 'lib', 'scripts']));
      expect(folders.filter((folder) => !mapped.has(`${folder}/`))).toEqual([]);
    });

    it('has a line for every folder directly under lib/', () => {
      const folders = foldersIn('lib');
      expect(folders).toEqual(expect.arrayContaining(['consent', 'store']));
      expect(folders.filter((folder) => !mapped.has(`lib/${folder}/`))).toEqual([]);
    });

    it('maps no folder that does not exist', () => {
      const folders = mapped.size;
      expect(folders).toBeGreaterThan(0);
      const stale = [...mapped].filter((name) => name.endsWith('/') && !existsAsFolder(name));
      expect(stale).toEqual([]);
    });
  });

  describe('configuration table', () => {
    const documented = firstColumnNames('Configuration');
    const read = new Map<string, string>();
    for (const file of [...CODE_DIRS.flatMap(codeFiles), ...CODE_FILES.map((f) => path.join(ROOT, f))]) {
      for (const name of environmentVariablesIn(readFileSync(file, 'utf8'))) {
        if (!read.has(name)) read.set(name, path.relative(ROOT, file));
      }
    }

    it('finds the variables the code reads, in both spellings', () => {
      expect(environmentVariablesIn(`process.env.SITE_ORIGIN; process.env['A_B']; process.env["C"]`)).toEqual(['SITE_ORIGIN', 'A_B', 'C']);
      expect(read.get('SITE_ORIGIN')).toBeDefined();
      expect(read.size).toBeGreaterThan(10);
    });

    it('has a row for every environment variable the code reads', () => {
      const missing = [...read].filter(([name]) => !documented.has(name)).map(([name, file]) => `${name} (read in ${file})`);
      expect(missing).toEqual([]);
    });
  });
});

function existsAsFolder(name: string): boolean {
  try {
    return statSync(path.join(ROOT, name)).isDirectory();
  } catch {
    return false;
  }
}
