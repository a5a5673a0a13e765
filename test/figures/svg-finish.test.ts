import { describe, expect, it } from 'vitest';
import { relativePath, roundNumbers } from '../../src/figures/svg-compact.js';

/** Back to absolute commands (for checking): the points a renderer will draw. */
function absolute(d: string): string {
  const toks = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let cmd = '';
  const out: string[] = [];
  const r = (v: number) => String(Math.round(v * 100) / 100);
  for (let i = 0; i < toks.length; ) {
    if (/[a-zA-Z]/.test(toks[i])) cmd = toks[i++];
    const rel = cmd === cmd.toLowerCase();
    const C = cmd.toUpperCase();
    if (C === 'Z') {
      out.push('Z');
      cx = sx;
      cy = sy;
      continue;
    }
    const n = C === 'Q' ? 4 : 2;
    const v = toks.slice(i, i + n).map(Number);
    i += n;
    const pts = v.map((x, k) => (rel ? x + (k % 2 ? cy : cx) : x));
    out.push(C + pts.map(r).join(' '));
    cx = pts[n - 2];
    cy = pts[n - 1];
    if (C === 'M') {
      sx = cx;
      sy = cy;
      if (rel) cmd = 'l';
      else cmd = 'L';
    }
  }
  return out.join('');
}

describe('SVG finishing', () => {
  it('rounds numbers to 0.01 on their digits', () => {
    expect(roundNumbers('a-0.001 b-0.004 c-0.005 d1.999 e-1.995 f12.3456 g0.0999 h7.10001 i3.14 j-2.5 k100.99999 l5')).toBe('a0 b0 c-0.01 d2 e-2 f12.35 g0.1 h7.1 i3.14 j-2.5 k101 l5');
  });

  it('writes path data relative, drawing the same points', () => {
    const d = 'M105.3 304.53L106.28 304.33L108.44 303.23Q108.5 303.2 108.89 303.54L105.3 304.53ZM10 20L10.05 19.95L9.5 20Z';
    const rel = relativePath(d);
    expect(rel.length).toBeLessThan(d.length);
    expect(rel).toMatch(/^m105\.3 304\.53l\.98-\.2/);
    expect(absolute(rel)).toBe(absolute(d));
  });

  it('rounds raw numbers as roundNumbers does', () => {
    const d = 'M1.23456 2.3333333L50.099998 60.700001L10 90.050003L1.23456 2.3333333Z';
    expect(absolute(relativePath(d))).toBe(absolute(roundNumbers(d)));
    expect(relativePath('M1.234 2L3 4')).toBe('m1.23 2l1.77 2');
  });

  it('leaves path data it does not know absolute (only rounded)', () => {
    for (const d of ['M1 2C3 4 5 6 7 8', 'M1e-5 2L3 4', 'M1 2H5']) expect(relativePath(d)).toBe(d);
    expect(relativePath('M1.2345 2A1 1 0 0 1 3 4')).toBe('M1.23 2A1 1 0 0 1 3 4');
  });
});
