import { describe, expect, it } from 'vitest';
import { aggregate, competitionRanks, normalise, round2 } from '../../src/compute/normalise.js';

const xs = [10, 20, 30, 50];
const vals = (r: { value: number }[]) => r.map((x) => +x.value.toFixed(6));

describe('normalisation (hand-computed)', () => {
  it('min-max within the quarter', () => {
    expect(vals(normalise(xs, { method: 'minmax', direction: '正向' }))).toEqual([0, 0.25, 0.5, 1]);
    expect(vals(normalise(xs, { method: 'minmax', direction: '逆向' }))).toEqual([1, 0.75, 0.5, 0]);
  });
  it('fixed goalposts ignore the other districts and clip outside the bounds', () => {
    const r = normalise([-10, 0, 25, 100, 120], { method: 'goalpost', direction: '正向', bounds: [0, 100] });
    expect(vals(r)).toEqual([0, 0, 0.25, 1, 1]);
    expect(r.map((x) => x.clipped)).toEqual([true, false, false, false, true]);
    // the same value gives the same score whatever the others are: quarters stay comparable
    expect(normalise([25], { method: 'goalpost', direction: '正向', bounds: [0, 100] })[0].value).toBe(0.25);
  });
  it('goalposts with a floor: 0.4 + 0.6 t', () => {
    expect(vals(normalise([0, 50, 100], { method: 'goalpost', direction: '正向', bounds: [0, 100], floor: 0.4 }))).toEqual([0.4, 0.7, 1]);
    expect(vals(normalise([0, 50, 100], { method: 'goalpost', direction: '逆向', bounds: [0, 100], floor: 0.4 }))).toEqual([1, 0.7, 0.4]);
  });
  it('efficacy coefficient (功效系数法): 0.6 + 0.4 (x − min)/(max − min)', () => {
    expect(vals(normalise(xs, { method: 'efficacy', direction: '正向' }))).toEqual([0.6, 0.7, 0.8, 1]);
  });
  it('z-score mapped to 0.5 + z/6', () => {
    // mean 27.5, population sd = sqrt(((17.5)^2+(7.5)^2+(2.5)^2+(22.5)^2)/4) = sqrt(218.75) = 14.7902…
    const sd = Math.sqrt(218.75);
    expect(vals(normalise(xs, { method: 'zscore', direction: '正向' }))).toEqual(xs.map((x) => +(0.5 + (x - 27.5) / sd / 6).toFixed(6)));
    expect(normalise([5, 5, 5], { method: 'zscore', direction: '正向' }).map((r) => r.value)).toEqual([0.5, 0.5, 0.5]);
  });
  it('rank: (n − rank)/(n − 1), ties share the better rank', () => {
    expect(vals(normalise([10, 30, 30, 5], { method: 'rank', direction: '正向' }))).toEqual([+(1 / 3).toFixed(6), 1, 1, 0]);
  });
  it('all values equal: nobody is worse than anybody', () => {
    expect(vals(normalise([7, 7, 7], { method: 'minmax', direction: '正向' }))).toEqual([1, 1, 1]);
  });
});

describe('ranks and aggregation', () => {
  it('competition ranking: 1, 2, 2, 4', () => {
    expect(competitionRanks([90, 80, 80, 70])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([3, 1, 1, 2], 'asc')).toEqual([4, 1, 1, 3]);
  });
  it('arithmetic aggregation sums the points', () => {
    expect(
      aggregate(
        [
          { score: 31.01, points: 35, weight: 0.35 },
          { score: 35.41, points: 40, weight: 0.4 },
          { score: 21.47, points: 25, weight: 0.25 },
        ],
        100,
        'arithmetic',
      ),
    ).toBeCloseTo(87.89, 10);
  });
  it('geometric aggregation: points × Π share^w', () => {
    // shares 0.5 and 0.8 with weights 0.5/0.5 → sqrt(0.4) = 0.632456 of 100
    expect(
      aggregate(
        [
          { score: 25, points: 50, weight: 0.5 },
          { score: 40, points: 50, weight: 0.5 },
        ],
        100,
        'geometric',
      ),
    ).toBeCloseTo(63.2456, 3);
  });
  it('rounds half away from zero as printed', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-2.675)).toBe(-2.68);
    expect(round2(0.125)).toBe(0.13);
  });
});
