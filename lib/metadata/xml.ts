/**
 * Text for an XML element or attribute. Characters XML 1.0 forbids (most C0
 * controls) are dropped: one stray control character makes the whole feed
 * unreadable to a strict parser.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>`, escaped; nothing when the value is absent. */
export function xmlElement(name: string, value: string | null | undefined): string {
  return value == null ? '' : `<${name}>${escapeXml(value)}</${name}>`;
}
