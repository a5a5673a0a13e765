import { describe, expect, it } from 'vitest';
import { classBreaks, classify, classOf, tierClasses } from '../../src/figures/classes.js';
import { sequentialPalette } from '../../src/figures/style.js';
import { FIXTURE } from './fixture.js';

describe('tierClasses', () => {
  it('gives the report tiers, highest first, with 以上/以下 labels and dark → light colours', () => {
    const t = tierClasses([50, 80, 70]);
    expect(t.map((c) => c.label)).toEqual(['80分以上', '70—80分', '50—70分', '50分以下']);
    expect(t.map((c) => c.color)).toEqual(sequentialPalette(4).reverse());
  });
  it('puts a value on a threshold in the upper tier (下限在内)', () => {
    const t = tierClasses([80, 70, 50]);
    expect(classOf(80, t).label).toBe('80分以上');
    expect(classOf(79.99, t).label).toBe('70—80分');
    expect(classOf(50, t).label).toBe('50—70分');
    expect(classOf(49.99, t).label).toBe('50分以下');
  });
  it('classifies the fixture into the report tiers (1 / 5 / 29 / 3)', () => {
    const t = tierClasses([80, 70, 50]);
    const c = classify(
      FIXTURE.map((r) => ({ district: r.district, value: r.total })),
      t,
    );
    const n = (l: string) => c.filter((x) => x.classLabel === l).length;
    expect([n('80分以上'), n('70—80分'), n('50—70分'), n('50分以下')]).toEqual([1, 5, 29, 3]);
  });
});

describe('classBreaks', () => {
  const values = FIXTURE.map((r) => r.vitality);
  it('gives k rounded, contiguous, non-empty classes covering every value', () => {
    const cls = classBreaks(values, 4);
    expect(cls.length).toBeGreaterThanOrEqual(3);
    expect(cls.length).toBeLessThanOrEqual(4);
    const asc = [...cls].reverse();
    for (let i = 1; i < asc.length; i++) expect(asc[i].lower).toBe(asc[i - 1].upper);
    for (const c of cls) {
      expect(c.label).toMatch(/^\d+\.\d{2}—\d+\.\d{2}$/);
      expect(values.some((v) => classOf(v, cls) === c)).toBe(true);
      // nice numbers: multiples of 0.5 at least
      expect((c.lower * 2) % 1).toBe(0);
    }
    for (const v of values) expect(() => classOf(v, cls)).not.toThrow();
  });
  it('labels like 25.00—30.00 and colours dark for the top class', () => {
    const cls = classBreaks([21, 24, 26, 28, 29, 31, 33, 34.2], 3);
    expect(cls[0].color).toBe(sequentialPalette(cls.length)[cls.length - 1]);
    expect(cls.at(-1)!.label.startsWith('20.00—')).toBe(true);
  });
  it('copes with equal values and rejects bad input', () => {
    expect(classBreaks([5, 5, 5], 4)).toHaveLength(1);
    expect(() => classBreaks([], 4)).toThrow(/finite/);
    expect(() => classBreaks([1, 2], 9)).toThrow(/1–7/);
  });
});
