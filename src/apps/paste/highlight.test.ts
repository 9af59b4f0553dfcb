import { describe, expect, it } from 'vitest';
import { codeBlock, highlightLines, splitLines } from './highlight.js';
import { escapeHtml } from './kinds.js';

/** Counts opening and closing span tags. */
function balanced(html: string): boolean {
  return (html.match(/<span\b/g) ?? []).length === (html.match(/<\/span>/g) ?? []).length;
}

describe('splitLines', () => {
  it('closes and reopens spans that cross line ends', () => {
    expect(splitLines('<span class="c">/* a\nb */</span> x')).toEqual(['<span class="c">/* a</span>', '<span class="c">b */</span> x']);
  });

  it('handles nested spans', () => {
    const lines = splitLines('<span class="s">`a\n<span class="t">$\u007Bb\n}</span>`</span>');
    expect(lines).toEqual(['<span class="s">`a</span>', '<span class="s"><span class="t">$\u007Bb</span></span>', '<span class="s"><span class="t">}</span>`</span>']);
    expect(lines.every(balanced)).toBe(true);
  });

  it('keeps empty lines, drops only the final newline', () => {
    expect(splitLines('a\n\nb\n')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual(['']);
    expect(splitLines('\n')).toEqual(['']);
  });
});

describe('highlightLines', () => {
  it('highlights with highlight.js and stays balanced per line', () => {
    const lines = highlightLines('/* one\n two */\nconst s = `x\n$\u007By}`;\n', 'javascript');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('hljs-comment');
    expect(lines.every(balanced)).toBe(true);
  });

  it('escapes markup in the content, highlighted or not', () => {
    const hostile = '<script>alert(1)</script> "&" \'x\'';
    for (const lang of ['xml', 'plaintext', 'org', 'no-such-language']) {
      const html = highlightLines(hostile, lang).join('\n');
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;');
    }
  });

  it('falls back to plain text over the size limit', () => {
    const lines = highlightLines('const x = 1;', 'javascript', 5);
    expect(lines).toEqual(['const x = 1;']);
  });
});

describe('codeBlock', () => {
  it('gives every line an anchor', () => {
    const html = codeBlock(['a', 'b'], 'go');
    expect(html).toContain('<span class="line" id="L1"><a class="ln" href="#L1" aria-label="Line 1"></a><span class="lc">a\n</span></span>');
    expect(html).toContain('id="L2"');
    expect(html).toContain('data-lang="go"');
  });

  it('escapes the language attribute', () => {
    expect(codeBlock([], '"><x')).toContain('data-lang="&quot;&gt;&lt;x"');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#x27;');
  });
});
