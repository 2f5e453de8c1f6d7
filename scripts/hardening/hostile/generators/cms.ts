// The CMS (Payload's admin and REST API): what a stranger can send it.
import fc from 'fast-check';
import { CMS_COLLECTIONS } from '../corpus';
import type { HostileRequest, Targets } from '../types';
import { JSON_TYPE, request, utf8, type Generator } from './arbitraries';
import { junkBody, oversizedBody } from './bodies';

type Shape = fc.Arbitrary<HostileRequest>;
const req = (method: string, path: string, extra?: Partial<HostileRequest>) => request('cms', method, path, extra);
const post = (path: string, body: Buffer, headers: Record<string, string> = JSON_TYPE) => req('POST', path, { headers, body });
const json = (value: unknown) => utf8(JSON.stringify(value));
const collection = fc.constantFrom(...CMS_COLLECTIONS);

/** Login floods: wrong passwords for the real editor, accounts that do not exist, junk; sign-up and reset attempts. */
function accountShapes(editorEmail: string): Shape[] {
  return [
    fc.nat(999_999).map((n) => post('/cms/api/users/login', json({ email: editorEmail, password: `wrong-${n}` }))),
    fc
      .tuple(fc.nat(99), fc.constantFrom(1, 12, 5000))
      .map(([n, length]) => post('/cms/api/users/login', json({ email: `nobody${n}@example.org`, password: 'x'.repeat(length) }))),
    junkBody('{}').map((body) => post('/cms/api/users/login', body)),
    fc.constant(post('/cms/api/users/first-register', json({ email: 'intruder@example.org', password: 'intruder-password-long' }))),
    fc.constant(post('/cms/api/users/forgot-password', json({ email: editorEmail }))),
  ];
}

/** Writes without a session: malformed and oversized bodies, odd content types. */
const writeShapes: Shape[] = [
  fc
    .tuple(fc.constantFrom('POST', 'PATCH', 'PUT', 'DELETE'), collection, fc.constantFrom('', '/1', '/x', '/1/schedule', '/-1', '/99999999999999999999'), junkBody('{}'))
    .map(([method, c, id, body]) => req(method, `/cms/api/${c}${id}`, { headers: JSON_TYPE, body })),
  fc.tuple(collection, oversizedBody(fc.constantFrom(2 * 1024 * 1024, 64 * 1024))).map(([c, body]) => post(`/cms/api/${c}`, body)),
  fc
    .tuple(
      fc.constantFrom('/cms/api/media', '/cms/api/articles'),
      fc.constantFrom('multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary='),
      fc.constantFrom('garbage', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', '--x--'),
    )
    .map(([path, type, body]) => post(path, utf8(body), { 'Content-Type': type })),
  fc
    .tuple(collection, fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded'))
    .map(([c, type]) => post(`/cms/api/${c}`, utf8('a=1&b=2'), { 'Content-Type': type })),
];

const QUERIES = ['', '?depth=999999', '?limit=-1', '?where[title][like]=%00', '?where[or][0][and][0][x][equals]=1', '?sort=../../etc', '?locale=xx', '?draft=true', `?where[${'a'.repeat(300)}][equals]=1`, '?select[password]=true', '?populate[users]=true'];
const ADMIN_PATHS = ['/admin', '/admin/', '/admin/login', '/admin/create-first-user', '/admin/collections/nope', '/admin/collections/articles/create', '/admin/%E0%A4%A', '/admin/account', '/admin/../etc/passwd', '/cms', '/cms/api', '/cms/api/'];

/** Reads: unknown collections, hostile queries, every method; the revalidation hook and the preview. */
const readShapes: Shape[] = [
  fc.tuple(fc.constantFrom('GET', 'HEAD'), collection, fc.constantFrom(...QUERIES)).map(([method, c, q]) => req(method, `/cms/api/${c}${q}`)),
  fc.constantFrom('TRACE', 'PROPFIND', 'PUT', 'DELETE', 'PATCH').map((method) => req(method, '/cms/api/users/login')),
  fc.tuple(fc.constantFrom('GET', 'HEAD'), fc.constantFrom(...ADMIN_PATHS)).map(([method, path]) => req(method, path)),
  fc
    .tuple(fc.constantFrom('Bearer x', '', 'Bearer '), junkBody('{}'))
    .map(([auth, body]) => post('/api/cms/revalidate', body, { ...JSON_TYPE, Authorization: auth })),
  fc.constantFrom('', '?id=1&locale=en', '?id=x&locale=de', '?id=1').map((q) => req('GET', `/api/cms/preview${q}`)),
];

export const cms = (targets: Targets): Generator => {
  const shapes = fc.oneof(...accountShapes(targets.editorEmail), ...writeShapes, ...readShapes);
  return () => shapes;
};
