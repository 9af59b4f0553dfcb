/**
 * What a differential run writes besides the fixture: a Markdown report of the differences
 * grouped by category (counts and examples), and the replay test's list of expected differences
 * (a TypeScript module of case ids by category, each with a one-line note).
 *
 * @example
 *   const tally = new Tally(CATEGORIES);
 *   tally.add('ascii', 12, false, 'GET /x → golink 404; tailyard 200');
 *   writeFileSync(reportPath, tally.markdown('golink', intro));
 *   writeFileSync(listPath, tally.differenceModule(moduleHeader));
 */

interface Difference {
  id: number;
  /** For the report. */
  note: string;
  /** For the list's one-line comment. */
  short: string;
}

const EXAMPLES_PER_CATEGORY = 12;
const NOTE_MAX = 200;

export class Tally<C extends string> {
  private readonly counts = new Map<C, { cases: number; differences: Difference[] }>();

  constructor(categories: readonly C[]) {
    for (const c of categories) this.counts.set(c, { cases: 0, differences: [] });
  }

  add(category: C, id: number, same: boolean, note: string, short = note): void {
    const entry = this.counts.get(category);
    if (!entry) throw new Error(`unknown category ${category}`);
    entry.cases++;
    if (!same) entry.differences.push({ id, note, short });
  }

  get total(): { cases: number; same: number } {
    let cases = 0;
    let differ = 0;
    for (const e of this.counts.values()) {
      cases += e.cases;
      differ += e.differences.length;
    }
    return { cases, same: cases - differ };
  }

  markdown(program: string, intro: string[]): string {
    const { cases, same } = this.total;
    const lines = [`# ${program}: generated requests, upstream against tailyard`, '', ...intro, '', `${same} of ${cases} answers are the same (${pct(same, cases)}).`, ''];
    lines.push('| category | cases | same | different |', '|---|---:|---:|---:|');
    for (const [c, e] of this.counts) lines.push(`| ${c} | ${e.cases} | ${e.cases - e.differences.length} | ${e.differences.length} |`);
    for (const [c, e] of this.counts) {
      if (e.differences.length === 0) continue;
      lines.push('', `## ${c}: ${e.differences.length} of ${e.cases} differ`, '');
      for (const d of e.differences.slice(0, EXAMPLES_PER_CATEGORY)) lines.push(`- case ${d.id}: \`${d.note.replaceAll('`', "'")}\``);
      if (e.differences.length > EXAMPLES_PER_CATEGORY) lines.push(`- … and ${e.differences.length - EXAMPLES_PER_CATEGORY} more`);
    }
    return `${lines.join('\n')}\n`;
  }

  /**
   * `export const EXPECTED_DIFFERENCES: Record<Category, readonly number[]> = { … }`; a category
   * with differences and a known reason gets that reason as the comment heading its list.
   */
  differenceModule(header: string, typeImport: string, typeName: string, reasons: Partial<Record<C, string>> = {}): string {
    const lines = [header, typeImport, '', `export const EXPECTED_DIFFERENCES: Record<${typeName}, readonly number[]> = {`];
    for (const [c, e] of this.counts) {
      if (e.differences.length === 0) {
        lines.push(`  '${c}': [],`);
        continue;
      }
      lines.push(`  '${c}': [`);
      if (reasons[c]) lines.push(`    // ${reasons[c]}`);
      for (const d of e.differences) lines.push(`    ${d.id}, // ${oneLine(d.short)}`);
      lines.push('  ],');
    }
    lines.push('};', '');
    return lines.join('\n');
  }
}

function oneLine(note: string): string {
  const flat = note.replace(/[\r\n\u2028\u2029]+/g, ' ');
  return flat.length > NOTE_MAX ? `${flat.slice(0, NOTE_MAX)}…` : flat;
}

function pct(n: number, of: number): string {
  return of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`;
}
