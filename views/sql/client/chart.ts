/**
 * A quick chart for results shaped like a label column followed by number columns (counts per
 * day, per kind): bars or lines drawn with uPlot, one series per number column, in the page's
 * text colour (light or dark), every bar whole, as wide as the page allows.
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

/** Whole steps only: the x axis is row numbers, labelled with the label column. */
const ROW_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/**
 * Axis colours from the page's stylesheet (`.chart`'s `color` and `border-color`), so labels
 * follow the light or dark theme; uPlot draws on a canvas, which CSS does not reach.
 */
function axisColors(target: HTMLElement): { text: string; grid: string } {
  const style = getComputedStyle(target);
  return { text: style.color, grid: style.borderTopColor };
}

/** Draws the chart into `target` (replacing a previous one), as wide as its box. */
export function drawChart(target: HTMLElement, data: ChartData, kind: 'bar' | 'line'): uPlot {
  target.replaceChildren();
  const xs = data.labels.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  const { text, grid } = axisColors(target);
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const opts: uPlot.Options = {
    width: target.clientWidth || 640,
    height: 280,
    // Half a step of room at each end, so the first and last bars are whole.
    scales: { x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] } },
    axes: [{ ...axis, incrs: ROW_STEPS, values: (_u, ticks) => ticks.map((t) => data.labels[t] ?? '') }, axis],
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
