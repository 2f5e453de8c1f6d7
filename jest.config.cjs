// CommonJS on purpose: TypeScript config files would need ts-node.
// `.default`: next/jest's types describe an ES module; at run time require() hands over the same function.
const nextJest = /** @type {typeof import('next/jest').default} */ (/** @type {unknown} */ (require('next/jest')));

const createJestConfig = nextJest({ dir: './' });

// next-intl and its dependencies ship ESM only; Jest on Node 20 cannot require
// ESM, so these packages must go through the SWC transform too.
const esmPackages = [
  'next-intl',
  'use-intl',
  'intl-messageformat',
  '@formatjs',
  'icu-minify',
  '@schummar/icu-type-parser',
  'unified',
  'bail',
  'devlop',
  'is-plain-obj',
  'trough',
  'vfile',
  'vfile-message',
  'unist-.*',
  'mdast-.*',
  'micromark.*',
  'decode-named-character-reference',
  'character-entities.*',
  'remark-.*',
  'rehype-.*',
  'hast-.*',
  'hastscript',
  'property-information',
  'space-separated-tokens',
  'comma-separated-tokens',
  'html-void-elements',
  'zwitch',
  'longest-streak',
  'ccount',
  'markdown-table',
  'escape-string-regexp',
  'trim-lines',
  'web-namespaces',
  'stringify-entities',
  'html-url-attributes',
  'minisearch',
  // remark-smartypants and the retext parser behind it
  'retext.*',
  'nlcst-.*',
  'parse-latin',
  'array-iterate',
];
const transformIgnorePatterns = [`/node_modules/(?!(${esmPackages.join('|')})/)`];

const unit = async () => {
  const base = await createJestConfig({
    displayName: 'unit',
    testEnvironment: 'jsdom',
    testMatch: ['<rootDir>/__tests__/**/*.test.{ts,tsx}'],
    setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
  })();
  return { ...base, transformIgnorePatterns };
};

const e2e = async () => {
  const base = await createJestConfig({
    displayName: 'e2e',
    testEnvironment: 'node',
    testMatch: ['<rootDir>/e2e/**/*.test.ts'],
    moduleNameMapper: { '^@/(.*)$': '<rootDir>/$1' },
    globalSetup: '<rootDir>/e2e/support/global-setup.ts',
    globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
    setupFilesAfterEnv: ['<rootDir>/e2e/support/setup.ts'],
  })();
  return { ...base, transformIgnorePatterns };
};

module.exports = async () => ({
  projects: [await unit(), await e2e()],
});
