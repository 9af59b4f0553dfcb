/**
 * The heavy renderers (highlight.js with ~190 grammars, Linguist's data on ~830 languages,
 * markdown-it, uniorg and sanitize-html), loaded on first use instead of at start-up: importing
 * them takes several times longer than starting every other app. The app starts loading them in
 * the background shortly after it is up, so the first paste rarely waits.
 *
 * @example
 *   const r = await loadRenderers();
 *   r.code('x = 1', 'python', 512 * 1024) // '<pre class="code hljs" …'
 */
import type { MarkupLanguage } from './kinds.js';

export interface Renderers {
  detectLanguage(filename: string, content: string): string;
  isKnownLanguage(id: string): boolean;
  languageName(id: string): string;
  languageOptions(): ReadonlyArray<{ id: string; name: string }>;
  /** The common languages plus `extra`, for the pickers. */
  pickerLanguages(extra?: readonly string[]): ReadonlyArray<{ id: string; name: string }>;
  /** The highlighted code view with line anchors. */
  code(content: string, language: string, maxChars: number): string;
  /** A Markdown or Org document, rendered and sanitised. */
  document(language: MarkupLanguage, content: string): string;
  documentTitle(language: MarkupLanguage, content: string, filename: string): string;
}

let loading: Promise<Renderers> | undefined;

/** The renderers, imported once. */
export function loadRenderers(): Promise<Renderers> {
  loading ??= Promise.all([import('./language.js'), import('./highlight.js'), import('./markup.js')]).then(([language, highlight, markup]) => ({
    detectLanguage: language.detectLanguage,
    isKnownLanguage: language.isKnownLanguage,
    languageName: language.languageName,
    languageOptions: language.languageOptions,
    pickerLanguages: language.pickerLanguages,
    code: (content, lang, maxChars) => highlight.codeBlock(highlight.highlightLines(content, lang, maxChars), lang),
    document: markup.renderMarkup,
    documentTitle: markup.documentTitle,
  }));
  return loading;
}
