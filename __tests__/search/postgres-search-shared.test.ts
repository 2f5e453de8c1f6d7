/** @jest-environment node */
import { describeOnPostgres } from '../support/test-database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Locale } from '@/i18n/routing';
import { createPostgresSiteSearch, type PostgresSiteSearch } from '@/lib/search/postgres-search';
import type { SearchDocument } from '@/lib/search/search-document';
import type { SearchCorpus } from '@/lib/search/site-search';
import { fixtureDocuments, publishedDocument } from './fixtures';

jest.setTimeout(30_000);

describeOnPostgres('one PostgreSQL index shared by several instances', (testDatabaseUrl) => {
  const freshSchema = () => `search_shared_${randomBytes(6).toString('hex')}`;
  const schema = freshSchema();
  const schemas = [schema];
  const opened: PostgresSiteSearch[] = [];
  const loads: { instance: string; locale: Locale }[] = [];
  /** An instance: its own pool and process state, the same schema as the others. */
  const instance = (name: string, documents: readonly SearchDocument[], inSchema = schema) => {
    const search = createPostgresSiteSearch(
      async (locale): Promise<SearchCorpus> => {
        loads.push({ instance: name, locale });
        return { documents: documents.filter((d) => d.locale === locale), topics: [`${name} topic`] };
      },
      { connectionString: testDatabaseUrl, schema: inSchema, poolSize: 2 },
    );
    opened.push(search);
    return search;
  };
  const ids = async (search: PostgresSiteSearch, locale: Locale, q: string) =>
    ((await search.searchPage(locale, { q })).outcome?.hits ?? []).map((hit) => hit.document.id);

  afterAll(async () => {
    for (const search of opened) await search.close();
    const admin = new Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    for (const each of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${each} CASCADE`);
    await admin.end();
  });

  it('is seeded once, sees every instance’s changes without a message, and keeps each instance’s topics', async () => {
    const a = instance('a', fixtureDocuments);
    expect(await ids(a, 'fr', 'canola')).toContain('canola');

    // b starts later, with a loader whose corpus is empty: the shared index is not replaced by it.
    const b = instance('b', []);
    const seenByB = await b.searchPage('fr', { q: 'canola' });
    expect(seenByB.outcome?.hits.map((hit) => hit.document.id)).toContain('canola');
    expect(seenByB.topics).toEqual(['b topic']);

    await a.upsertDocument(publishedDocument('fr', 'greve', { title: 'Grève des débardeurs au port de Montréal' }));
    expect(await ids(b, 'fr', 'debardeurs')).toEqual(['greve']);
    await b.removeDocument('fr', 'greve');
    expect(await ids(a, 'fr', 'debardeurs')).toEqual([]);
    expect(await a.documentCount('fr')).toBe(fixtureDocuments.filter((d) => d.locale === 'fr').length);
    expect(loads).toEqual([
      { instance: 'a', locale: 'fr' },
      { instance: 'b', locale: 'fr' },
    ]);
  });

  it('a document written in the CMS’s transaction is found once it commits, and never after a rollback', async () => {
    const own = freshSchema();
    schemas.push(own);
    const a = instance('tx-a', fixtureDocuments, own);
    const b = instance('tx-b', [], own);
    expect(await ids(a, 'en', 'stevedores')).toEqual([]);
    const save = new Client({ connectionString: testDatabaseUrl, options: `-c search_path=${own}` });
    await save.connect();
    try {
      await save.query('BEGIN');
      await a.upsertDocument(publishedDocument('en', 'rolled-back', { title: 'Stevedores strike at the port of Halifax' }), save);
      await save.query('ROLLBACK');
      await save.query('BEGIN');
      await a.upsertDocument(publishedDocument('en', 'strike', { title: 'Stevedores strike at the port of Montreal' }), save);
      // Another instance does not see the save before it commits.
      expect(await ids(b, 'en', 'stevedores')).toEqual([]);
      await save.query('COMMIT');
    } finally {
      await save.end();
    }
    expect(await ids(b, 'en', 'stevedores')).toEqual(['strike']);
  });

  it('migrates once when instances start together', async () => {
    const fresh = freshSchema();
    schemas.push(fresh);
    const starting = ['c', 'd', 'e'].map((name) => instance(name, fixtureDocuments, fresh));
    await Promise.all(starting.map((search) => search.ready()));
    const admin = new Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT version FROM ${fresh}.search_schema_version`);
      expect(rows).toEqual([{ version: 1 }]);
    } finally {
      await admin.end();
    }
  });
});
