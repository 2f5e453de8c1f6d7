import type { Nodes } from 'hast';
import type { Root } from 'mdast';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified, type Transformer } from 'unified';
import { SKIP, visit } from 'unist-util-visit';
import type { Locale } from '@/i18n/routing';
import { rehypeEmbeds, remarkEmbeds, sanitizeSchemaWithEmbedSlots } from '@/lib/embeds/embed-directive';
import { EMBED_CLASS } from '@/lib/embeds/embed-markup';
import { ContentError } from './content-error';

/**
 * Markdown → HTML for article bodies. Raw HTML in the Markdown is dropped by
 * remark-rehype (no `allowDangerousHtml`), and rehype-sanitize's GitHub schema
 * then removes anything still unsafe that Markdown itself can express, such as
 * `[link](javascript:...)`. Add article features (embeds, ...) as plugins here,
 * before the sanitizer, so that they cannot bypass it. The one exception is the
 * embed placeholder, built after the sanitizer from validated directives only
 * (see lib/embeds/embed-directive.ts): the sanitizer lets through nothing but
 * its numbered slot.
 */
/**
 * Curly quotes and apostrophes in English bodies, as the interface and
 * Canadian Press style have them; authors type straight ones. French bodies
 * are written with « » and ’ (their spacing rules are not SmartyPants'), so
 * they are left alone. Runs on text nodes only: inline code keeps its quotes.
 */
const englishQuotes = unified().use(remarkSmartypants);

function remarkEnglishQuotes(): Transformer<Root> {
  return (tree, file) => {
    if (file.data.embedLocale === 'en') englishQuotes.runSync(tree, file);
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkEnglishQuotes)
  .use(remarkEmbeds)
  .use(remarkRehype)
  .use(rehypeSanitize, sanitizeSchemaWithEmbedSlots)
  .use(rehypeEmbeds)
  .use(rehypeStringify);

export type RenderedMarkdown = {
  html: string;
  /** The words a reader sees, for reading time and search. */
  text: string;
};

export type RenderOptions = {
  /** Language of the generated interface text (embed placeholders). */
  locale?: Locale;
  /** Shown in errors, so that a broken directive names its file. */
  file?: string;
};

function isPlaceholder(node: Nodes): boolean {
  const className = node.type === 'element' ? node.properties.className : undefined;
  return Array.isArray(className) && className.includes(EMBED_CLASS.placeholder);
}

export function renderMarkdown(markdown: string, { locale = 'en', file = '(markdown)' }: RenderOptions = {}): RenderedMarkdown {
  let tree;
  try {
    const source = { value: markdown, data: { embedLocale: locale } };
    tree = processor.runSync(processor.parse(markdown), source);
  } catch (error) {
    const place = error instanceof Error && 'line' in error && typeof error.line === 'number' ? `line ${error.line}: ` : '';
    const reason = error instanceof Error && 'reason' in error ? String(error.reason) : String(error);
    throw new ContentError([{ file, field: 'body', message: `${place}${reason}` }]);
  }
  const words: string[] = [];
  // The placeholder's buttons and notice are interface, not article: they
  // count for neither reading time nor search (the caption does).
  visit(tree, (node) => {
    if (isPlaceholder(node)) return SKIP;
    if (node.type === 'text') words.push(node.value);
  });
  return { html: processor.stringify(tree), text: words.join(' ').replace(/\s+/g, ' ').trim() };
}
