import path from 'node:path';

/**
 * The production server is TypeScript, and runs as one JavaScript file that
 * `next build` writes beside its own output (next.config.ts calls this after
 * compiling): Node starts it without a TypeScript loader, which would double
 * its start-up time and memory (decision record 0010). Packages stay imports;
 * the server's modules and what they use from lib/ are bundled in.
 */
export const SERVER_BUNDLE = 'production-server.mjs';

export async function bundleProductionServer({ projectDir, distDir }: { projectDir: string; distDir: string }): Promise<void> {
  // Loaded only here: `next dev` and every other reader of next.config.ts never need it.
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(projectDir, 'server', 'production-server.ts')],
    outfile: path.resolve(projectDir, distDir, SERVER_BUNDLE),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: '// Built by `next build` from server/production-server.ts (server/bundle.ts): edit that, not this.' },
  });
}
