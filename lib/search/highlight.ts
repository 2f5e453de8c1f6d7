import { foldText, wordSpans } from './normalize';

/**
 * A run of plain text, marked or not. Highlighting returns data rather than
 * HTML: the component renders `marked` runs inside <mark> and React escapes
 * every run, so neither the query nor the article can inject markup.
 */
export type TextSegment = { text: string; marked: boolean };

function push(segments: TextSegment[], text: string, marked: boolean) {
  if (!text) return;
  const last = segments[segments.length - 1];
  if (last && last.marked === marked && !marked) last.text += text;
  else segments.push({ text, marked });
}

/** Splits `text` into segments, marking the words whose folded form is in `terms`. */
export function highlightWords(text: string, terms: ReadonlySet<string>): TextSegment[] {
  if (terms.size === 0) return text ? [{ text, marked: false }] : [];
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of wordSpans(text)) {
    if (!terms.has(foldText(span.word))) continue;
    push(segments, text.slice(cursor, span.start), false);
    push(segments, span.word, true);
    cursor = span.end;
  }
  push(segments, text.slice(cursor), false);
  return segments;
}

export const SNIPPET_CONTEXT_BEFORE = 60;
export const SNIPPET_LENGTH = 220;
const ELLIPSIS = '…';

/**
 * A window of the body around the first matched word, cut on word boundaries,
 * with `…` where text was left out. Without a match in the body (a title-only
 * hit) it is the opening of the body. Offsets are taken in the body as it
 * is and only the window's whitespace is collapsed: collapsing a whole
 * article for each of ten hits was a fifth of a search's time.
 */
export function bodySnippet(body: string, terms: ReadonlySet<string>): TextSegment[] {
  const text = body.trim();
  let firstMatch = -1;
  for (const span of terms.size > 0 ? wordSpans(text) : []) {
    if (terms.has(foldText(span.word))) {
      firstMatch = span.start;
      break;
    }
  }

  let start = 0;
  if (firstMatch > SNIPPET_CONTEXT_BEFORE) {
    // Begin on the first whole word after `from`.
    const from = firstMatch - SNIPPET_CONTEXT_BEFORE;
    const space = text.slice(from, firstMatch).search(/\s/);
    start = space === -1 ? firstMatch : from + space + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const lastSpace = Math.max(text.lastIndexOf(' ', end), text.lastIndexOf('\n', end));
    if (lastSpace > start) end = lastSpace;
  }

  const window = text.slice(start, end).replace(/\s+/g, ' ').trim();
  const segments = highlightWords(window, terms);
  if (start > 0) segments.unshift({ text: `${ELLIPSIS} `, marked: false });
  if (end < text.length) segments.push({ text: ` ${ELLIPSIS}`, marked: false });
  return mergeText(segments);
}

function mergeText(segments: TextSegment[]): TextSegment[] {
  const merged: TextSegment[] = [];
  for (const s of segments) push(merged, s.text, s.marked);
  return merged;
}
