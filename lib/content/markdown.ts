import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Markdown → HTML for article bodies. Raw HTML in the Markdown is dropped by
 * remark-rehype (no `allowDangerousHtml`), and rehype-sanitize's GitHub schema
 * then removes anything still unsafe that Markdown itself can express, such as
 * `[link](javascript:...)`. Add article features (embeds, ...) as plugins here,
 * before the sanitizer, so that they cannot bypass it.
 */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

export type RenderedMarkdown = {
  html: string;
  /** The words a reader sees, for reading time and search. */
  text: string;
};

export function renderMarkdown(markdown: string): RenderedMarkdown {
  const tree = processor.runSync(processor.parse(markdown));
  const words: string[] = [];
  visit(tree, 'text', (node) => {
    words.push(node.value);
  });
  return { html: processor.stringify(tree), text: words.join(' ').replace(/\s+/g, ' ').trim() };
}
