/**
 * The light vocabulary of paste rendering, kept apart from the heavy renderers (highlight.js,
 * Linguist's data, markdown-it, uniorg, sanitize-html), which load lazily (renderers.ts) so
 * start-up stays fast: the special language ids and HTML escaping.
 *
 * @example
 *   isMarkup('markdown') // true
 *   escapeHtml('<b>')    // '&lt;b&gt;'
 */

export const PLAINTEXT = 'plaintext';
export const ORG = 'org';
export const MARKDOWN = 'markdown';

/** The languages that have a rendered ("fancy") view. */
export type MarkupLanguage = typeof MARKDOWN | typeof ORG;

export function isMarkup(language: string): language is MarkupLanguage {
  return language === MARKDOWN || language === ORG;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}
