/** The robustness battery (cases in rank-interval-cases.ts): wrong refused naming the sentence, true accepted, none accepted without the simulation. */
import { describe, expect, it } from 'vitest';
import { verifyText } from '../../../src/verify/index.js';
import { ledgerOf } from './harness.js';
import { TRUE, WRONG } from './rank-interval-cases.js';
import { runCase } from './run.js';

describe('robustness sentences: wrong ones stop the build naming the sentence', () => {
  it.each(WRONG.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const o = await runCase(c);
    expect(o.verdict, `${c.note}: ${o.sentence}`).toBe('caught');
  });
});

describe('robustness sentences: true ones pass', () => {
  it.each(TRUE.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    const o = await runCase(c);
    expect(o.result.templateError, c.note).toBeUndefined();
    expect(
      o.result.problems.map((p) => `${p.message}「${p.sentence}」`),
      c.note,
    ).toEqual([]);
  });
});

describe('without the simulation', () => {
  it.each(['在全部1000次模拟中，渝北区始终位居第1位。', '有37个区县的排名区间跨度不超过3位。', '排名区间最宽的是荣昌区（第16—34位）。'])('no claim of the intervals passes: %s', async (s) => {
    const ledger = { ...(await ledgerOf('2018Q3')), robustness: null };
    const r = verifyText(s, ledger);
    expect(r.ok).toBe(false);
    expect(r.problems.every((p) => p.kind === 'unverifiable')).toBe(true);
    expect(r.problems[0].message).toContain('模拟未运行');
  });
});
