/** The robustness battery (cases in rank-interval-cases.ts): wrong refused naming the sentence, true accepted, none accepted without the simulation. */
import { describe, expect, it } from 'vitest';
import { narrativeToMarkdown, renderNarrative } from '../../../src/narrative/index.js';
import { verifyNarrative, verifyText } from '../../../src/verify/index.js';
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

describe('the template’s three forms of the top district’s stability', () => {
  it.each([
    ['always', { best: 1, worst: 1, low: 1, high: 1 }, '在全部1000次模拟中，渝北区始终位居第1位。'],
    ['mostly', { best: 1, worst: 3, low: 1, high: 1 }, '在90%以上的模拟中，渝北区位居第1位。'],
    ['interval', { best: 1, worst: 4, low: 1, high: 3 }, '排名第1位的渝北区，其排名区间为第1—3位。'],
  ])('%s: rendered and accepted', async (_, top, sentence) => {
    const base = await ledgerOf('2018Q3');
    const rob = structuredClone(base.robustness!);
    Object.assign(rob.nodes['双创指数'].intervals[0], top);
    const ledger = { ...base, robustness: rob };
    const n = renderNarrative(ledger);
    expect(narrativeToMarkdown(n)).toContain(sentence);
    expect(verifyNarrative(n, ledger).problems).toEqual([]);
    // and the other forms are refused on this ledger
    for (const other of ['在全部1000次模拟中，渝北区始终位居第1位。', '排名第1位的渝北区，其排名区间为第1—2位。'].filter((s) => s !== sentence)) expect(verifyText(other, ledger).ok, other).toBe(false);
  });
});
