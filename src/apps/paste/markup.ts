/**
 * Rendered documents: Markdown through markdown-it (raw HTML off, fenced code highlighted with
 * highlight.js) and Org through uniorg (`uniorg-parse` → `uniorg-rehype` → `rehype-stringify`,
 * `#+begin_src` blocks highlighted the same way). Both outputs then pass the one sanitiser
 * (`sanitize.ts`), so nothing a paste contains can run, whatever the renderer lets through
 * (uniorg passes `#+begin_export html` blocks and `javascript:` links on as they are).
 *
 * @example
 *   renderMarkup('markdown', '# Hi\n\n```go\nfunc main() {}\n```') // '<h1>Hi</h1>\n<pre class="hljs"><code class="hljs language-go">…'
 *   documentTitle('markdown', '# Release notes\n…', 'notes.md')  // 'Release notes'
 */
import type { Element, Root, RootContent, Text } from 'hast';
import hljs from 'highlight.js';
import MarkdownIt from 'markdown-it';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import uniorgParse from 'uniorg-parse';
import uniorgRehype from 'uniorg-rehype';
import { escapeHtml, MARKDOWN, type MarkupLanguage, ORG } from './kinds.js';
import { sanitize } from './sanitize.js';

/** Highlighted code as HTML, or undefined when `lang` has no grammar. */
function highlightCode(code: string, lang: string): string | undefined {
  const grammar = lang ? hljs.getLanguage(lang) : undefined;
  return grammar ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : undefined;
}

const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  highlight: (code, lang) => {
    const html = highlightCode(code, lang.trim().split(/\s+/)[0] ?? '');
    return html === undefined ? '' : `<pre class="hljs"><code class="hljs language-${escapeHtml(lang)}">${html}</code></pre>`;
  },
});

/** Replaces the text of each `<pre><code class="language-x">` with highlight.js output. */
function highlightOrgBlocks() {
  const visit = (node: Root | Element): void => {
    for (const child of node.children as RootContent[]) {
      if (child.type !== 'element') continue;
      const code = child.tagName === 'pre' ? child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') : undefined;
      const cls = code?.properties?.className;
      const lang = Array.isArray(cls) ? String(cls.find((c) => String(c).startsWith('language-')) ?? '').slice('language-'.length) : '';
      const text = code?.children.map((c) => (c.type === 'text' ? (c as Text).value : '')).join('') ?? '';
      const html = code ? highlightCode(text, lang) : undefined;
      if (code && html !== undefined) {
        code.properties = { ...code.properties, className: ['hljs', `language-${lang}`] };
        code.children = [{ type: 'raw', value: html } as unknown as Text];
      } else {
        visit(child);
      }
    }
  };
  return (tree: Root) => visit(tree);
}

const org = unified().use(uniorgParse).use(uniorgRehype).use(highlightOrgBlocks).use(rehypeStringify, { allowDangerousHtml: true });

/** Renders a Markdown or Org paste to sanitised HTML. */
export function renderMarkup(language: MarkupLanguage, content: string): string {
  const html = language === MARKDOWN ? markdown.render(content) : String(org.processSync(content));
  return sanitize(html);
}

/**
 * The title of the fancy view: Markdown's first line without its `#`s, Org's `#+title:`, or else
 * the filename (tclip's rule).
 */
export function documentTitle(language: MarkupLanguage, content: string, filename: string): string {
  if (language === ORG) {
    const m = /^#\+title:[ \t]*(.+)$/im.exec(content);
    return m?.[1]?.trim() || filename;
  }
  const first = content.split('\n', 1)[0] ?? '';
  return first.replace(/^#+/, '').trim() || filename;
}
