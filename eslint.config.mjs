import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Pages are static documents cached at the edge: plain links do a full
      // navigation to cached HTML instead of prefetching RSC payloads.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    files: ['jest.config.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Written by Payload (`npm run cms:migration`, `npm run cms:importmap`): reviewed, not hand-edited.
  { ignores: ['migrations/*/2*.ts', 'app/(payload)/admin/importMap.js', '.next/**', '.next-*/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'coverage/**', 'bench/results/**'] },
];

export default config;
