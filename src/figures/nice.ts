/** Round numbers for axes and class breaks. */

/** A "nice" step (1, 2, 2.5, 5 × 10^n) near raw. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * base;
}

/** Axis limits on multiples of a nice step that hold [lo, hi]. */
export function niceDomain(lo: number, hi: number, ticks = 5): { min: number; max: number; step: number } {
  const span = hi - lo || Math.abs(hi) || 1;
  const step = niceStep(span / ticks);
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step, step };
}
