import { randomUUID } from 'node:crypto';
import { localizedPath } from '@/i18n/paths';
import { locales, type Locale } from '@/i18n/routing';
import type { ConsentRecord } from '@/lib/consent/consent-cookie';
import { CmsClient, EDITOR_PASSWORD, editorAdd, fetchText, waitUntil } from './support/cms';
import { startCluster, type Cluster, type ClusterInstance } from './support/cluster';
import { describeOnPostgres } from '../__tests__/support/test-database';

// Two servers start (each migrates, then serves), one is killed and started again: minutes on a busy machine, bounded.
jest.setTimeout(300_000);

/** The budget: a change made on one instance shows on every other within 5 s. */
const EVERY_INSTANCE_WITHIN_MS = 5_000;
const password = EDITOR_PASSWORD;
describeOnPostgres('two instances sharing one PostgreSQL', (adminUrl) => {
  const stamp = `${Date.now().toString(36)}c`;
  const email = `editor-cluster-${stamp}@example.org`;
  const story = {
    en: { title: `Harbour pilots sign a new contract ${stamp}`, slug: `harbour-pilots-${stamp}`, dek: 'The agreement ends a month of talks at the port.', body: 'Harbour pilots signed a new contract on Tuesday.\n\nThe port expects no delays.' },
    fr: { title: `Les pilotes du port signent un contrat ${stamp}`, slug: `pilotes-du-port-${stamp}`, dek: 'L’entente met fin à un mois de pourparlers au port.', body: 'Les pilotes du port ont signé mardi un nouveau contrat.\n\nLe port ne prévoit aucun retard.' },
  };
  const paths = { en: `/en/articles/${story.en.slug}`, fr: `/fr/articles/${story.fr.slug}` };
  const searchPath = (locale: Locale) => `${localizedPath(locale, '/search')}?q=${stamp}`;

  let cluster: Cluster;
  let a: ClusterInstance;
  let b: ClusterInstance;
  let articleId: number;

  const read = (instance: ClusterInstance, path: string) => fetchText(path, { origin: instance.origin, timeoutMs: 5_000 });
  const shows = async (instance: ClusterInstance, path: string, text: string) => {
    const res = await read(instance, path);
    return res.status === 200 && res.text.includes(text);
  };
  const gone = async (instance: ClusterInstance, path: string) => [404, 410].includes((await read(instance, path)).status);

  beforeAll(async () => {
    cluster = await startCluster(adminUrl);
    [a, b] = cluster.instances as [ClusterInstance, ClusterInstance];
    // Together, as after a deploy: Payload's start-up migration runs under an advisory lock (lib/cms/migration-lock.ts).
    await Promise.all([cluster.start(a), cluster.start(b)]);
    const added = editorAdd(email, password, cluster.dataDir, cluster.databaseUrl);
    if (added.status !== 0) throw new Error(`editor:add failed: ${added.output}`);
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('publishing through A puts the article on B, in both languages and in B’s search, within 5 s', async () => {
    // B has read (and cached) its home pages and search before the change: the change must reach its caches.
    for (const locale of locales) {
      expect((await read(b, `/${locale}`)).text).not.toContain(paths[locale]);
      expect((await read(b, searchPath(locale))).text).not.toContain(`href="${paths[locale]}"`);
    }
    const cms = await CmsClient.login(email, password, a.origin);
    const section = await cms.termId('sections', 'politics');
    const created = await cms.call<{ doc: { id: number } }>('POST', '/articles?locale=en&draft=true', {
      ...story.en,
      hero: { src: '/images/how-tariffs-work.svg', width: 1200, height: 675, credit: 'Illustration: Northern Dispatch', alt: 'An abstract illustration of a harbour.', caption: 'The port.' },
      section,
      authors: [{ name: 'Northern Dispatch staff', organization: true }],
      published: new Date().toISOString(),
      _status: 'draft',
    });
    expect(created.status).toBe(201);
    articleId = created.body.doc.id;
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=fr&draft=true`, { ...story.fr, hero: { alt: 'Une illustration abstraite d’un port.', caption: 'Le port.' }, _status: 'draft' })).status).toBe(200);
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=en`, { _status: 'published' })).status).toBe(200);

    for (const locale of locales) {
      await waitUntil(() => shows(b, paths[locale], story[locale].title), EVERY_INSTANCE_WITHIN_MS, `B serves ${paths[locale]}`);
      await waitUntil(() => shows(b, `/${locale}`, paths[locale]), EVERY_INSTANCE_WITHIN_MS, `B's /${locale} lists it`);
      await waitUntil(() => shows(b, searchPath(locale), `href="${paths[locale]}"`), EVERY_INSTANCE_WITHIN_MS, `B's search finds it (${locale})`);
    }
  });

  it('unpublishing through B takes it off A: 404 or 410, out of A’s search and home, within 5 s', async () => {
    // A's copies are cached before the change.
    for (const locale of locales) expect(await shows(a, paths[locale], story[locale].title)).toBe(true);
    expect(await shows(a, '/en', paths.en)).toBe(true);
    const cms = await CmsClient.login(email, password, b.origin);
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=en`, { _status: 'draft' })).status).toBe(200);
    for (const locale of locales) {
      await waitUntil(() => gone(a, paths[locale]), EVERY_INSTANCE_WITHIN_MS, `A no longer serves ${paths[locale]}`);
      await waitUntil(async () => !(await read(a, searchPath(locale))).text.includes(`href="${paths[locale]}"`), EVERY_INSTANCE_WITHIN_MS, `A's search forgets it (${locale})`);
      await waitUntil(async () => !(await read(a, `/${locale}`)).text.includes(paths[locale]), EVERY_INSTANCE_WITHIN_MS, `A's /${locale} no longer lists it`);
    }
  });

  it('a consent receipt posted to A is readable through B', async () => {
    const now = Math.floor(Date.now() / 1000);
    const record: ConsentRecord = {
      v: 1,
      rev: 1,
      id: randomUUID(),
      ts: now,
      upd: now,
      c: { preferences: false, analytics: true, marketing: false },
      m: 'custom',
      gpc: false,
      l: 'en',
      src: 'banner',
    };
    const posted = await fetch(`${a.origin}/api/consent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record) });
    expect(posted.status).toBe(201);
    const history = await fetch(`${b.origin}/api/consent/${record.id}`);
    expect(history.status).toBe(200);
    const { receipts } = (await history.json()) as { receipts: { id?: string }[] };
    expect(receipts).toHaveLength(1);
  });

  it('with B killed, A keeps serving without an error; a change made meanwhile shows on B when it is back', async () => {
    const pages = ['/en', '/fr', '/en/search?q=trade', '/fr/recherche?q=commerce', '/en/section/politics', '/sitemap.xml'];
    const statuses: number[] = [];
    // A bounded loop of reads on A while B dies under it.
    const load = (async () => {
      for (let i = 0; i < 60; i++) {
        const res = await fetch(`${a.origin}${pages[i % pages.length]}`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
        statuses.push(res?.status ?? 0);
        await res?.arrayBuffer();
      }
    })();
    await cluster.kill(b);
    expect(await fetch(`${b.origin}/en`).then(() => 'answered', () => 'down')).toBe('down');

    const cms = await CmsClient.login(email, password, a.origin);
    const republished = { en: `${story.en.title} (back)`, fr: `${story.fr.title} (de retour)` };
    for (const locale of locales) {
      expect((await cms.call('PATCH', `/articles/${articleId}?locale=${locale}`, { title: republished[locale], _status: 'published' })).status).toBe(200);
    }
    await waitUntil(() => shows(a, paths.en, republished.en), EVERY_INSTANCE_WITHIN_MS, 'A shows the change');
    await load;
    expect(statuses).toHaveLength(60);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    await cluster.start(b);
    for (const locale of locales) {
      await waitUntil(() => shows(b, paths[locale], republished[locale]), EVERY_INSTANCE_WITHIN_MS, `B shows the change made while it was down (${locale})`);
      await waitUntil(() => shows(b, searchPath(locale), `href="${paths[locale]}"`), EVERY_INSTANCE_WITHIN_MS, `B's search finds it again (${locale})`);
    }
    // And B listens again: a change through A after the restart reaches it.
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=en`, { dek: `Listening again ${stamp}.` })).status).toBe(200);
    await waitUntil(() => shows(b, paths.en, `Listening again ${stamp}.`), EVERY_INSTANCE_WITHIN_MS, 'B hears the next change');
  });
});
