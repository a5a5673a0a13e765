import { describe, expect, it } from 'vitest';
import { roomForLegend } from '../../src/figures/rows.js';
import { halfWidthSize, size } from '../../src/figures/style.js';
import { DISTRICTS } from '../helpers.js';

const legend = ['16.00—24.00', '14.00—16.00', '12.00—14.00'].map((label) => ({ label, key: { kind: 'swatch' as const, color: '#3182bd' } }));
const names = DISTRICTS.map((d) => d.slice(0, 3));
// ranked values whose shortest bars still reach past the middle of the axis (as 双创成效's do)
const values = names.map((_, i) => 22 - (i * 10) / 37);
const x = { min: 0, max: 25, step: 5 };

describe('room for the corner legend of a bar chart', () => {
  it('raises the axis maximum by whole steps when the legend would cover the bottom rows’ values (half width)', () => {
    const max = roomForLegend({ names, values, x, legend, widthPt: 220, padRight: 19, size: halfWidthSize });
    expect(max).toBeGreaterThan(25);
    expect((max - 25) % 5).toBe(0);
  });

  it('leaves the axis as it is where the values stay clear of the legend', () => {
    const short = values.map((v, i) => (i > 25 ? v / 3 : v));
    expect(roomForLegend({ names, values: short, x, legend, widthPt: 220, padRight: 19, size: halfWidthSize })).toBe(25);
    expect(roomForLegend({ names, values, x, legend: [], widthPt: 220, padRight: 19, size: halfWidthSize })).toBe(25);
    expect(roomForLegend({ names, values: values.map((v) => v * 0.6), x, legend, widthPt: 453, padRight: 26, size })).toBe(25);
  });
});
