/** @jest-environment node */
import { describeOnPostgres } from '../support/test-database';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPostgresSiteSearch, withinOneEdit } from '@/lib/search/postgres-search';

jest.setTimeout(30_000);

describe('typo tolerance in the PostgreSQL engine', () => {
  it.each([
    ['tarifs', 'tariffs', true],
    ['douanne', 'douane', true],
    ['electrcite', 'electricite', true],
    ['canola', 'canola', true],
    ['canola', 'canoal', false],
    ['quebec', 'quebek', true],
    ['elections', 'election', true],
    ['elections', 'electoral', false],
  ])('%s and %s are within one edit: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});

describeOnPostgres('PostgreSQL text search configurations', (testDatabaseUrl) => {
  const schema = `search_config_${randomBytes(6).toString('hex')}`;
  const search = createPostgresSiteSearch(async () => ({ documents: [], topics: [] }), { connectionString: testDatabaseUrl, schema });
  const admin = new Client({ connectionString: testDatabaseUrl });
  const lexemes = async (config: string, text: string) =>
    (await admin.query<{ lexeme: string }>(`SELECT unnest(tsvector_to_array(to_tsvector($1::regconfig, $2))) AS lexeme`, [`${schema}.${config}`, text])).rows
      .map((row) => row.lexeme)
      .sort();

  beforeAll(async () => {
    await admin.connect();
    await search.ready();
  });
  afterAll(async () => {
    await search.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('folds accents before the stemmer, so the accented and plain spellings meet', async () => {
    expect(await lexemes('search_fr', 'fédérales')).toEqual(await lexemes('search_fr', 'FEDERALES'));
    expect(await lexemes('search_en', 'Québec')).toEqual(['quebec']);
  });

  it('spells ligatures out (œ → oe, æ → ae, in either case)', async () => {
    expect(await lexemes('search_fr', 'Œuvre')).toEqual(await lexemes('search_fr', 'oeuvre'));
    expect(await lexemes('search_fr', 'æquo')).toEqual(['aequo']);
  });

  it.each(["l'énergie", 'l’énergie', "d'électricité qu'il", 'd’électricité qu’il'])('drops French elisions: %s', async (text) => {
    const found = await lexemes('search_fr', text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((lexeme) => ['l', 'd', 'qu', 'il'].includes(lexeme))).toEqual([]);
  });

  it('stems each language with its own stemmer', async () => {
    expect(await lexemes('search_en', 'pipelines')).toEqual(await lexemes('search_en', 'pipeline'));
    expect(await lexemes('search_fr', 'électriques')).toEqual(await lexemes('search_fr', 'électrique'));
  });

  it('wraps unaccent in an IMMUTABLE function, as generated columns and indexes need', async () => {
    const { rows } = await admin.query<{ volatility: string; folded: string }>(
      `SELECT p.provolatile AS volatility, ${schema}.search_fold('Œuvre Fédérale') AS folded
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'search_unaccent'`,
      [schema],
    );
    expect(rows).toEqual([{ volatility: 'i', folded: 'oeuvre federale' }]);
  });
});
