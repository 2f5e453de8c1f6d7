import type { Element, Root as HastRoot } from 'hast';
import type { Paragraph, Root as MdastRoot } from 'mdast';
import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { Locale } from '@/i18n/routing';
import { embedPlaceholder, type Embed } from './embed-placeholder';
import { embedProviders, getEmbedProvider, isValidEmbedId } from './providers';

/**
 * The `::embed{provider="…" id="…" title="…"}` line of article Markdown (the
 * leaf-directive syntax of remark-directive, on a paragraph of its own).
 *
 * Three steps around rehype-sanitize, which stays in force for everything an
 * author writes: (1) `remarkEmbeds` validates each directive and leaves an
 * empty `<div data-embed-slot="N">`, (2) the sanitizer lets exactly that
 * attribute through (`sanitizeSchemaWithEmbedSlots`), nothing more, (3)
 * `rehypeEmbeds`, after the sanitizer, swaps each slot for the placeholder
 * built from the validated embed N. Markdown cannot produce a data attribute
 * by itself (raw HTML is dropped), and a slot only ever points at an embed
 * this file validated, so the placeholder markup is ours, never the author's.
 *
 * An invalid directive stops the build with the file and the line: a map or
 * video silently missing from a published article is worse than a failed
 * build.
 *
 * Why not remark-directive itself: its parser depends on ESM-only packages
 * (parse-entities and others) that the unit-test transform does not cover,
 * and it would turn any `:word` in prose ("see:this") into a directive. One
 * block form is all articles need, read from the paragraph's source.
 */

declare module 'vfile' {
  interface DataMap {
    /** Validated embeds of the document, in order (set by remarkEmbeds). */
    embeds: Embed[];
    /** Language of the placeholders (set by the caller of the pipeline). */
    embedLocale: Locale;
  }
}

const SLOT_PROPERTY = 'dataEmbedSlot';
const ATTRIBUTES = new Set(['provider', 'id', 'title']);
const MAX_TITLE_LENGTH = 300;
const DIRECTIVE_LINE = /^::([A-Za-z][\w-]*)(?:\{([^\n]*)\})?\s*$/;
const ATTRIBUTE = /\s*([a-z]+)="([^"\n]*)"\s*/y;

/** `provider="x" id="y"` → { provider: 'x', id: 'y' }, or null when malformed. */
function parseAttributes(text: string): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  while (ATTRIBUTE.lastIndex < text.length) {
    const at = ATTRIBUTE.lastIndex;
    const match = ATTRIBUTE.exec(text);
    if (!match || match.index !== at) return null;
    const [, name = '', value = ''] = match;
    if (name in attributes) return null;
    attributes[name] = value;
  }
  return attributes;
}

function validateEmbed(raw: string, node: Paragraph, file: VFile): Embed {
  const line = DIRECTIVE_LINE.exec(raw);
  if (!line) file.fail(`"${raw.split('\n')[0]}" is not a directive: write ::embed{provider="…" id="…" title="…"} on a line of its own, with blank lines around`, node);
  const [, name, attributeText = ''] = line;
  if (name !== 'embed') file.fail(`::${name} is not a known directive (only ::embed)`, node);
  const attributes = parseAttributes(attributeText);
  if (!attributes) file.fail(`::embed attributes must be name="value" pairs, each once`, node);
  const unknown = Object.keys(attributes).filter((key) => !ATTRIBUTES.has(key));
  if (unknown.length) file.fail(`::embed has unknown attribute(s) ${unknown.join(', ')}: only provider, id and title`, node);
  const key = attributes.provider ?? '';
  const provider = getEmbedProvider(key);
  if (!provider) {
    file.fail(`::embed provider "${key}" is not one of ${embedProviders.map((p) => p.key).join(', ')}`, node);
  }
  const id = attributes.id ?? '';
  if (!isValidEmbedId(provider, id)) file.fail(`::embed id "${id}" is not a valid ${provider.name} id`, node);
  const title = (attributes.title ?? '').trim();
  if (!title) file.fail(`::embed needs a title="…": it is the caption and the frame's accessible name`, node);
  if (title.length > MAX_TITLE_LENGTH) file.fail(`::embed title is longer than ${MAX_TITLE_LENGTH} characters`, node);
  return { provider, id, title };
}

/**
 * remark plugin: a paragraph whose source starts with `::` is a directive;
 * `::embed` becomes a slot, anything else is an error (a typo must not
 * vanish, nor be published as text).
 */
export function remarkEmbeds() {
  return (tree: MdastRoot, file: VFile) => {
    const embeds: Embed[] = [];
    const source = String(file.value);
    visit(tree, 'paragraph', (node: Paragraph) => {
      const { start, end } = node.position ?? {};
      if (start?.offset === undefined || end?.offset === undefined) return;
      const raw = source.slice(start.offset, end.offset);
      if (!raw.startsWith('::')) return;
      embeds.push(validateEmbed(raw, node, file));
      node.children = [];
      node.data = { hName: 'div', hProperties: { [SLOT_PROPERTY]: String(embeds.length - 1) } };
      return SKIP;
    });
    file.data.embeds = embeds;
  };
}

/** rehype-sanitize's GitHub schema, plus the slot attribute (digits only) on `div`. */
export const sanitizeSchemaWithEmbedSlots: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    div: [...(defaultSchema.attributes?.div ?? []), [SLOT_PROPERTY, /^\d+$/]],
  },
};

/** rehype plugin, after the sanitizer: each slot becomes its placeholder. */
export function rehypeEmbeds() {
  return (tree: HastRoot, file: VFile) => {
    const embeds = file.data.embeds ?? [];
    const locale = file.data.embedLocale ?? 'en';
    visit(tree, 'element', (node: Element, index, parent) => {
      const slot = node.properties[SLOT_PROPERTY];
      if (node.tagName !== 'div' || slot === undefined || !parent || index === undefined) return;
      const embed = embeds[Number(slot)];
      // A slot that does not point at a validated embed is dropped.
      parent.children.splice(index, 1, ...(embed ? [embedPlaceholder(embed, locale, Number(slot))] : []));
      return [SKIP, index + 1];
    });
  };
}
