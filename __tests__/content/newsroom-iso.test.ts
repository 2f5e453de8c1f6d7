import { toNewsroomIso } from '@/lib/content/format-date';

describe('toNewsroomIso (dates read from the CMS, written as the newsroom wrote them)', () => {
  it.each([
    ['2026-01-16T20:20:00.000Z', '2026-01-16T15:20:00-05:00'],
    ['2026-07-01T16:00:00.000Z', '2026-07-01T12:00:00-04:00'],
    ['2026-01-16T15:20:00-05:00', '2026-01-16T15:20:00-05:00'],
  ])('%s → %s', (input, expected) => {
    expect(toNewsroomIso(input)).toBe(expected);
  });

  it('writes a zero offset as +00:00', () => {
    expect(toNewsroomIso('2026-01-16T20:20:00.000Z', 'UTC')).toBe('2026-01-16T20:20:00+00:00');
  });

  it('leaves what it cannot read for the schema to reject', () => {
    expect(toNewsroomIso('yesterday')).toBe('yesterday');
    expect(toNewsroomIso(null)).toBeUndefined();
  });
});
