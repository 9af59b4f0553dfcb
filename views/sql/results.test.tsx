/**
 * The result table's body is written as text (results.tsx): it must be exactly what JSX writes
 * for the same cells, hostile text, attribute quotes and NULL included, so nothing a value holds
 * can become markup.
 */
import { describe, expect, it } from 'vitest';
import { type CellView, Results } from './results.js';

/** The cells as JSX would write them (the rendering the text replaced). */
function JsxCell(props: { r: CellView }) {
  const { r } = props;
  switch (r.kind) {
    case 'null':
      return <td class="null">(null)</td>;
    case 'code':
      return (
        <td>
          <pre class="cell-code">{r.text}</pre>
        </td>
      );
    case 'tt':
      return <td class="json">{r.text}</td>;
    case 'link':
      return (
        <td>
          <a href={r.href} title={r.title} rel="noopener noreferrer" referrerpolicy="no-referrer">
            {r.text}
          </a>
        </td>
      );
    default:
      return <td class={r.numeric ? 'num' : undefined}>{r.text}</td>;
  }
}

const HOSTILE = `<script>alert("x")</script> & 'quotes' "double" &amp; </td></tr>`;
const rows: CellView[][] = [
  [{ kind: 'null' }, { kind: 'text', text: HOSTILE, numeric: false }, { kind: 'text', text: '42', numeric: true }],
  [{ kind: 'code', text: HOSTILE }, { kind: 'tt', text: `{"a":"${HOSTILE}"}` }, { kind: 'link', text: HOSTILE, href: `https://x.example/?a=1&b="2"'`, title: HOSTILE }],
  [{ kind: 'link', text: 'plain', href: '/x' }, { kind: 'text', text: '', numeric: false }, { kind: 'text', text: '\u00e9\u{1F600}', numeric: false }],
];

describe('the result table body', () => {
  it('is exactly what JSX writes for the same cells', () => {
    const html = String(<Results result={{ columns: [{ name: 'a', type: '' }, { name: 'b', type: '' }, { name: 'c', type: '' }], rows, summary: { rows: 3, truncated: false }, elapsedMs: 1, uiRows: 500 }} />);
    const body = /<tbody>(.*)<\/tbody>/s.exec(html)?.[1];
    const jsx = rows.map((row) => String(<tr>{row.map((cell) => <JsxCell r={cell} />)}</tr>)).join('');
    expect(body).toBe(jsx);
    expect(body).not.toContain('<script>');
  });
});
