/** @jest-environment node */
import { readFileSync } from 'node:fs';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';

// global-error.tsx cannot import the catalogues without adding them to every
// page's JavaScript, so it carries its own copy: this keeps the copy true.
describe('the last-resort error page', () => {
  const source = readFileSync('app/global-error.tsx', 'utf8');
  it.each([
    ['en', en.Error],
    ['fr', fr.Error],
  ])('uses the %s strings of the Error namespace', (_locale, strings) => {
    expect(source).toContain(strings.title);
    expect(source).toContain(strings.body);
    expect(source).toContain(strings.retry);
  });
});
