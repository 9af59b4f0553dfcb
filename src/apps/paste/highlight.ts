/**
 * Server-side syntax highlighting with highlight.js, cut into lines so each line can carry its
 * own anchor (`#L12`). highlight.js emits `<span class="hljs-…">` runs that may span several
 * lines (block comments, template strings); `splitLines` closes the open spans at each line end
 * and reopens them on the next line, so every line is balanced HTML on its own.
 *
 * Pastes over the highlight limit are shown as escaped plain text: highlighting is roughly linear
 * but slow enough that a 10 MiB paste would stall the server.
 *
 * @example
 *   const lines = highlightLines('x = 1\ny = "a"', 'python'); // ['x = <span class="hljs-number">1</span>', …]
 *   const html = codeBlock(lines, { wrap: false });
 */
import hljs from 'highlight.js';
import { escapeHtml, ORG, PLAINTEXT } from './kinds.js';

/** Default: pastes above this many characters are not highlighted. */
export const DEFAULT_HIGHLIGHT_MAX_CHARS = 512 * 1024;

/**
 * Splits highlighted HTML at newlines into lines of balanced HTML. A trailing newline does not
 * make an extra empty line (as in an editor).
 *
 * @example splitLines('<span class="c">/* a\nb *\/</span>') // ['<span class="c">/* a</span>', '<span class="c">b *\/</span>']
 */
export function splitLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let current = '';
  let last = 0;
  for (const m of html.matchAll(/<span[^>]*>|<\/span>|\n/g)) {
    current += html.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '\n') {
      lines.push(current + '</span>'.repeat(open.length));
      current = open.join('');
    } else if (m[0] === '</span>') {
      open.pop();
      current += m[0];
    } else {
      open.push(m[0]);
      current += m[0];
    }
  }
  current += html.slice(last);
  if (current !== open.join('') || lines.length === 0) lines.push(current + '</span>'.repeat(open.length));
  return lines;
}

/**
 * The content as lines of HTML, highlighted in `language` when it has a grammar and the paste is
 * not over `maxChars`; escaped plain text otherwise.
 */
export function highlightLines(content: string, language: string, maxChars = DEFAULT_HIGHLIGHT_MAX_CHARS): string[] {
  const plain = language === PLAINTEXT || language === ORG || content.length > maxChars || !hljs.getLanguage(language);
  const html = plain ? escapeHtml(content) : hljs.highlight(content, { language, ignoreIllegals: true }).value;
  return splitLines(html);
}

/**
 * The code view: one block per line, each with its anchor (`#L1`…). The numbers are drawn by a
 * CSS counter, so copying the code never copies them, and the markup stays small.
 */
export function codeBlock(lines: readonly string[], language: string): string {
  const out = [`<pre class="code hljs" id="code" data-lang="${escapeHtml(language)}"><code>`];
  for (let i = 0; i < lines.length; i++) {
    // The anchor's number is drawn by CSS, so its name for screen readers is given here.
    out.push(`<span class="line" id="L${i + 1}"><a class="ln" href="#L${i + 1}" aria-label="Line ${i + 1}"></a><span class="lc">${lines[i]}\n</span></span>`);
  }
  out.push('</code></pre>');
  return out.join('');
}
