/**
 * What a SQL console page shows, taken out of its HTML so tailsql's page and tailyard's can be
 * compared although their markup differs: the error message, or the result table's column names
 * and cell texts (tags stripped, entities decoded). Both pages mark the error `id="error"` and
 * the result `id="output"`, with the table inside it.
 *
 * @example pageContent('<div id="error">Error: no such table: x</div>') // { error: 'no such table: x', columns: [], rows: [] }
 */

export interface PageContent {
  error?: string;
  columns: string[];
  rows: string[][];
  /** Present (false) only when the page's bytes are not valid UTF-8. */
  utf8?: false;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = /^#x/i.test(name) ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function text(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

/** The inside of the element whose opening tag carries `id="<id>"`, up to the first `</close>`. */
function inside(html: string, id: string, close: string): string | undefined {
  const at = html.search(new RegExp(`<[a-z]+[^>]*\\bid="${id}"[^>]*>`, 'i'));
  if (at < 0) return undefined;
  const start = html.indexOf('>', at) + 1;
  const end = html.indexOf(`</${close}>`, start);
  return html.slice(start, end < 0 ? undefined : end);
}

export function pageContent(body: Buffer): PageContent {
  const html = body.toString('utf8');
  const out: PageContent = { columns: [], rows: [] };
  if (!Buffer.from(html, 'utf8').equals(body)) out.utf8 = false;
  const error = inside(html, 'error', 'div');
  if (error !== undefined) out.error = text(error).trim().replace(/^Error:\s*/, '');
  const output = html.slice(Math.max(0, html.search(/\bid="output"/)));
  const table = /<table\b[^>]*>([\s\S]*?)<\/table>/i.exec(output)?.[1];
  if (table === undefined || !/\bid="output"/.test(html)) return out;
  out.columns = [...table.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/gi)].map((m) => text(m[1] ?? ''));
  for (const tr of table.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)) {
    const cells = [...(tr[1] ?? '').matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/gi)].map((m) => text(m[1] ?? ''));
    if (cells.length) out.rows.push(cells);
  }
  return out;
}
