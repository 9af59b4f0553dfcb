/**
 * WCAG 2 contrast between CSS colours as `getComputedStyle` reports them (`rgb(…)`/`rgba(…)`,
 * or `color(srgb …)` for `color-mix` results), with a translucent foreground composited over
 * the background first.
 *
 * @example contrast('rgb(231, 229, 228)', 'rgb(12, 10, 9)') // → 16.6…
 */

export type Rgba = [r: number, g: number, b: number, a: number];

/** Parses a computed colour into 0–255 channels and 0–1 alpha. */
export function parseColor(css: string): Rgba {
  const rgb = /^rgba?\(([^)]+)\)$/.exec(css.trim());
  if (rgb) {
    const [r = 0, g = 0, b = 0, a = 1] = (rgb[1] as string).split(/[\s,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  }
  const srgb = /^color\(srgb ([^)]+)\)$/.exec(css.trim());
  if (srgb) {
    const [r = 0, g = 0, b = 0, a = 1] = (srgb[1] as string).split(/[\s/]+/).filter(Boolean).map(Number);
    return [r * 255, g * 255, b * 255, a];
  }
  throw new Error(`cannot parse colour ${css}`);
}

/** `fg` over the opaque `bg`. */
export function over(fg: Rgba, bg: Rgba): Rgba {
  const a = fg[3];
  return [fg[0] * a + bg[0] * (1 - a), fg[1] * a + bg[1] * (1 - a), fg[2] * a + bg[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The contrast ratio (1–21) of `fg` on `bg` (`bg` taken as opaque). */
export function contrastOf(fg: Rgba, bg: Rgba): number {
  const [l1, l2] = [luminance(over(fg, bg)), luminance(bg)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

export function contrast(fg: string, bg: string): number {
  return contrastOf(parseColor(fg), parseColor(bg));
}

/** Relative luminance of a computed colour (0 black – 1 white). */
export function lightness(css: string): number {
  return luminance(parseColor(css));
}
