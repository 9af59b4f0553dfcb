/**
 * Finds markup in an HTML string that a browser would execute: script-capable elements, event
 * handler attributes, inline styles, and script/data URLs in links and sources. Escaped text
 * (`&lt;script&gt;`) is text, not markup, and is not reported. Used by the XSS tests on rendered
 * pastes; headless Chromium checks the same pages for dialogs and script runs.
 *
 * @example
 *   executableMarkup('<a href="javascript:x()">a</a>') // ['<a> href="javascript:x()"']
 */

const SCRIPT_ELEMENTS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'template', 'applet']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster', 'cite']);

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&amp;/gi, '&');
}

/** Every executable construct found in `html` (empty when it is safe). */
export function executableMarkup(html: string, allowedElements: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (const tag of html.matchAll(/<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    if (SCRIPT_ELEMENTS.has(name) && !allowedElements.has(name)) found.push(`<${name}>`);
    for (const attr of (tag[2] ?? '').matchAll(/\s+([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      const value = decodeEntities((attr[2] ?? '').replace(/^["']|["']$/g, '')).replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (attrName.startsWith('on') || attrName === 'style') found.push(`<${name}> ${attrName}`);
      else if (URL_ATTRIBUTES.has(attrName) && /^(javascript|vbscript|data):/.test(value)) found.push(`<${name}> ${attrName}="${value}"`);
    }
  }
  return found;
}

/** Hostile pastes for the XSS tests (HTTP and browser): a filename, content, Markdown and Org. */
export const HOSTILE_FILENAME = '"><img src=x onerror=alert(1)><script>alert(2)</script>.md';
export const HOSTILE_CONTENT = [
  '</code></pre><script>alert("content")</script>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '&lt;script&gt;alert("entity")&lt;/script&gt; &#60;script&#62;',
  '"><iframe src="javascript:alert(1)">',
].join('\n');
export const HOSTILE_MARKDOWN = [
  '# Title <script>alert(1)</script>',
  '[js link](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [ent](javascript&#58;alert(1))',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)></svg>',
  '![img](javascript:alert(1))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '```html\n<script>alert(1)</script>\n```',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
].join('\n\n');
export const HOSTILE_ORG = '#+TITLE: <script>alert(1)</script>\n* Head <img src=x onerror=alert(1)>\n[[javascript:alert(1)][link]]\n#+begin_export html\n<script>alert(1)</script><svg onload=alert(1)></svg>\n#+end_export\n';
