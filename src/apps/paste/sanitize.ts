/**
 * The one HTML policy for rendered Markdown and Org: a well-kept sanitiser (`sanitize-html`,
 * pinned to 2.17.x because 2.18+ needs Node 22) with an allowlist of document tags, `http(s)`
 * and `mailto` links only, no event handlers, no `style`, no `id`/`name` (they could clobber the
 * page's own elements), and highlight.js classes on code. Links get `rel="nofollow noopener
 * noreferrer"`, images `referrerpolicy="no-referrer"`.
 *
 * @example
 *   sanitize('<a href="javascript:alert(1)" onclick="x()">hi</a><script>bad()</script>') // '<a rel="nofollow noopener noreferrer">hi</a>'
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'span', 'div', 'em', 'strong', 'b', 'i',
    'u', 'del', 's', 'ins', 'mark', 'sub', 'sup', 'small', 'kbd', 'samp', 'var', 'q', 'abbr', 'cite', 'a', 'img', 'ul', 'ol',
    'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'details', 'summary', 'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    abbr: ['title'],
    code: ['class'],
    span: ['class'],
    pre: ['class'],
  },
  allowedClasses: {
    code: ['hljs', 'language-*'],
    span: ['hljs-*'],
    pre: ['hljs', 'src-block', 'example'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow noopener noreferrer' } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, referrerpolicy: 'no-referrer', loading: 'lazy' } }),
  },
};

// transformTags adds attributes after filtering; these must survive it.
OPTIONS.allowedAttributes = { ...(OPTIONS.allowedAttributes as Record<string, string[]>) };
(OPTIONS.allowedAttributes as Record<string, string[]>).a?.push('rel');
(OPTIONS.allowedAttributes as Record<string, string[]>).img?.push('referrerpolicy', 'loading');

/** Sanitises rendered user HTML: what comes out contains no script, handler or script URL. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
