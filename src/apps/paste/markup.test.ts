import { describe, expect, it } from 'vitest';
import { executableMarkup } from '../../../test/apps/paste/unsafe-html.js';
import { isMarkup } from './kinds.js';
import { documentTitle, renderMarkup } from './markup.js';

const HOSTILE_MD = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](javascript&#58;alert(1))',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '```html\n<script>alert(1)</script>\n```',
  '<iframe src="https://evil.example"></iframe>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
].join('\n\n');

const HOSTILE_ORG = `#+TITLE: <script>alert(1)</script>
* Heading <img src=x onerror=alert(1)>
[[javascript:alert(1)][a link]] and [[https://example.com][ok]]
#+begin_export html
<script>alert(1)</script><svg onload=alert(1)></svg><a href="javascript:alert(2)">x</a>
#+end_export
#+begin_src html
<script>alert(3)</script>
#+end_src
`;

describe('renderMarkup', () => {
  it('renders Markdown with highlighted fenced code', () => {
    const html = renderMarkup('markdown', '# Title\n\nSome *text* and a [link](https://example.com).\n\n```go\nfunc main() {}\n```\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>text</em>');
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer">link</a>');
    expect(html).toContain('<code class="hljs language-go"><span class="hljs-function"><span class="hljs-keyword">func</span>');
  });

  it('renders Org headings, emphasis, lists and highlighted source blocks', () => {
    const html = renderMarkup('org', '* Plans\nSome /italic/ and *bold*.\n- one\n- two\n#+begin_src python\ndef f(): pass\n#+end_src\n');
    expect(html).toContain('<h1>Plans</h1>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<li>one');
    expect(html).toContain('<span class="hljs-keyword">def</span>');
  });

  it('leaves nothing executable in hostile Markdown', () => {
    const html = renderMarkup('markdown', HOSTILE_MD);
    expect(executableMarkup(html)).toEqual([]);
    // Escaped text stays visible as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves nothing executable in hostile Org (export blocks, script links)', () => {
    const html = renderMarkup('org', HOSTILE_ORG);
    expect(executableMarkup(html)).toEqual([]);
    expect(html).toContain('<a href="https://example.com" rel="nofollow noopener noreferrer">ok</a>');
    expect(html).toContain('&lt;<span class="hljs-name">script</span>&gt;');
  });
});

describe('executableMarkup (the XSS tests\' detector)', () => {
  it('finds what a browser would run, and not escaped text', () => {
    expect(executableMarkup('<p>&lt;script&gt;x&lt;/script&gt; onerror=1</p>')).toEqual([]);
    expect(executableMarkup('<script>x</script>')).toEqual(['<script>']);
    expect(executableMarkup('<img src=x onerror=alert(1)>')).toEqual(['<img> onerror']);
    expect(executableMarkup('<a href="java&#x73;cript:x()">')).toEqual(['<a> href="javascript:x()"']);
    expect(executableMarkup('<p style="x">')).toEqual(['<p> style']);
  });
});

describe('documentTitle', () => {
  it('uses the first Markdown line without #, the Org #+title, else the filename', () => {
    expect(documentTitle('markdown', '## Release notes\nbody', 'x.md')).toBe('Release notes');
    expect(documentTitle('markdown', '\nbody', 'x.md')).toBe('x.md');
    expect(documentTitle('org', '#+TITLE: Plans for May\n* x', 'x.org')).toBe('Plans for May');
    expect(documentTitle('org', '* x', 'x.org')).toBe('x.org');
  });

  it('knows which languages have a rendered view', () => {
    expect(isMarkup('markdown')).toBe(true);
    expect(isMarkup('org')).toBe(true);
    expect(isMarkup('go')).toBe(false);
  });
});
