/**
 * Finds markup in an HTML string that a browser would execute: script-capable elements, event
 * handler attributes, inline styles, and script/data URLs in links and sources. Escaped text
 * (`&lt;script&gt;`) is text, not markup, and is not reported. Used by the XSS tests on rendered
 * pastes; headless Chromium checks the same pages for dialogs and script runs.
 *
 * @example
 *   executableMarkup('<a href="javascript:x()">a</a>') // ['<a> href="javascript:x()"']
 */

const SCRIPT_ELEMENTS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'style', 'link', 'meta', 'base', 'form', 'template', 'applet']);
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
