// Before the storm: what the generators aim at (from the server's own
// sitemap), the editor whose account the login flood targets, and one plain
// request to every page.
import { spawnSync } from 'node:child_process';
import { locales } from '@/i18n/routing';
import { httpGet } from '../../support/processes';
import type { SitePages } from '../../support/site-pages';
import type { HostileConfig } from './config';
import { ODD_PAGES } from './corpus';
import type { Targets } from './types';

export type SiteTargets = Omit<Targets, 'receipts' | 'nowSeconds'>;

/** Page views report a few real pages per language: home, search, the first three articles. */
export function targetsOf(site: SitePages, config: HostileConfig): SiteTargets {
  const fixed = locales.flatMap((l) => Object.values(site.fixed[l]));
  return {
    pages: [...new Set([...site.pages.map((p) => p.path), ...fixed, ...ODD_PAGES])],
    articles: locales.flatMap((l) => site.ofKind('article', l)),
    searchPaths: locales.map((l) => site.fixed[l].search),
    cookiePages: locales.map((l) => site.fixed[l].cookies),
    viewPaths: locales.flatMap((l) => [...site.ofKind('home', l), site.fixed[l].search, ...site.ofKind('article', l).slice(0, 3)]),
    metricsToken: config.metricsToken,
    editorEmail: config.editor.email,
  };
}

/**
 * Creates the editor in the server's CMS database, then locks it with six
 * wrong passwords in order: the flood shares the sign-in throttle with every
 * other login it sends, so how many reach this account would be left to
 * chance (Payload locks after five).
 */
export async function prepareEditor(origin: string, dataDir: string, editor: HostileConfig['editor']): Promise<void> {
  const added = spawnSync('npx', ['tsx', 'scripts/cms/editor-add.ts'], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', EDITOR_EMAIL: editor.email, EDITOR_PASSWORD: editor.password },
  });
  if (added.status !== 0) throw new Error(`editor:add failed: ${added.stdout}${added.stderr}`);
  for (let i = 0; i < 6; i += 1) {
    const res = await fetch(`${origin}/cms/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: editor.email, password: `wrong-before-the-flood-${i}` }),
    });
    await res.arrayBuffer();
  }
}

/**
 * One plain GET to every page of the sitemap and both search pages: each must
 * answer 200. Also the warm-up: Next loads each route's code on its first
 * request, and the storm should not only measure that.
 */
export async function requestEveryPage(origin: string, site: SitePages, timeoutMs: number): Promise<string[]> {
  const problems: string[] = [];
  if (site.pages.length === 0) return ['the sitemap lists no page'];
  const searches = locales.map((l) => `${site.fixed[l].search}?q=${encodeURIComponent(l === 'fr' ? 'commerce' : 'trade')}`);
  for (const path of [...site.pages.map((p) => p.path), ...searches]) {
    const { status } = await httpGet(`${origin}${path}`, timeoutMs);
    if (status !== 200) problems.push(`GET ${path} → ${status}, expected 200`);
  }
  return problems;
}
