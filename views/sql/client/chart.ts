/**
 * A quick chart for results shaped like a label column followed by number columns (counts per
 * day, per kind): bars or lines drawn with uPlot, one series per number column.
 *
 * @example
 *   const data = chartData(table); if (data) drawChart(container, data, 'bar');
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartData {
  labels: string[];
  series: Array<{ name: string; values: Array<number | null> }>;
}

/** The table's data when it is label + numbers (2 to 1000 rows), else undefined. */
export function chartData(table: HTMLTableElement): ChartData | undefined {
  const names = [...(table.tHead?.rows[0]?.cells ?? [])].map((c) => c.textContent ?? '');
  const rows = [...(table.tBodies[0]?.rows ?? [])];
  if (names.length < 2 || rows.length < 2 || rows.length > 1000) return undefined;
  const numericCol = (i: number) => rows.every((r) => r.cells[i]?.classList.contains('num') || r.cells[i]?.classList.contains('null'));
  const valueCols = names.map((_, i) => i).filter((i) => i > 0 && numericCol(i));
  if (valueCols.length !== names.length - 1) return undefined;
  return {
    labels: rows.map((r) => r.cells[0]?.textContent ?? ''),
    series: valueCols.map((i) => ({
      name: names[i] ?? '',
      values: rows.map((r) => (r.cells[i]?.classList.contains('null') ? null : Number(r.cells[i]?.textContent))),
    })),
  };
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2'];

/** Draws the chart into `target` (replacing a previous one). */
export function drawChart(target: HTMLElement, data: ChartData, kind: 'bar' | 'line'): uPlot {
  target.replaceChildren();
  const xs = data.labels.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  const opts: uPlot.Options = {
    width: Math.max(320, target.clientWidth || 640),
    height: 280,
    scales: { x: { time: false } },
    axes: [{ values: (_u, ticks) => ticks.map((t) => data.labels[t] ?? '') }, {}],
    series: [
      { label: 'x', value: (_u, v) => (v === null ? '' : (data.labels[v] ?? '')) },
      ...data.series.map((s, i) => ({
        label: s.name,
        stroke: COLORS[i % COLORS.length],
        fill: kind === 'bar' ? `${COLORS[i % COLORS.length]}99` : undefined,
        paths: kind === 'bar' ? bars : undefined,
        points: { show: kind === 'line' },
      })),
    ],
  };
  return new uPlot(opts, [xs, ...data.series.map((s) => s.values)] as uPlot.AlignedData, target);
}
