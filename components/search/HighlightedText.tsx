import { Fragment } from 'react';
import type { TextSegment } from '@/lib/search/highlight';

/**
 * Text with its matched words in <mark>. Every segment is a React text node,
 * so markup in the article or the query is shown, never interpreted.
 */
export function HighlightedText({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.marked ? <mark key={i}>{segment.text}</mark> : <Fragment key={i}>{segment.text}</Fragment>,
      )}
    </>
  );
}
