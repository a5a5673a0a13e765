/**
 * Each claim rule's own examples (beside it in src/verify/rules/*.ts), run through the
 * whole check on the sample quarter 2018Q3; and the vocabulary the templates and the
 * check share.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/facts/types.js';
import { DEFAULT_TEMPLATES_DIR, loadWording, renderNarrative } from '../../src/narrative/index.js';
import { lexiconProblems } from '../../src/narrative/wording.js';
import { verifyNarrative, verifyText } from '../../src/verify/index.js';
import { RULES, numerals, places, quarters, tiers } from '../../src/verify/rules/index.js';
import { sampleLedger } from '../narrative/fixtures.js';

let ledger: Ledger;
beforeAll(async () => {
  ledger = await sampleLedger('2018Q3');
});

const ALL = [numerals, places, quarters, tiers, ...RULES];

describe.each(ALL.map((r) => [r.kind, r] as const))('rule %s', (_, rule) => {
  it.each(rule.examples.pass.map((s) => [s]))('passes: %s', (s) => {
    expect(verifyText(s, ledger, { aliases: { 荣昌县: '荣昌区' } }).problems).toEqual([]);
  });
  it.each(rule.examples.fail.map((s) => [s]))('refuses: %s', (s) => {
    const r = verifyText(s, ledger, { aliases: { 荣昌县: '荣昌区' } });
    expect(r.ok).toBe(false);
    // The problem names the sentence as written.
    for (const p of r.problems) expect(s.replace(/\s+/g, '')).toContain(p.sentence.replace(/\s+/g, ''));
  });
});

describe('the vocabulary the templates and the check share', () => {
  it('the shipped wording uses only words the check knows, each in its sense', () => {
    expect(lexiconProblems(loadWording(DEFAULT_TEMPLATES_DIR))).toEqual([]);
  });

  it('the templates print no direction or degree word the check does not know', () => {
    const w = loadWording(DEFAULT_TEMPLATES_DIR);
    const known = [...w.lexicon.up, ...w.lexicon.down, ...w.lexicon.flat, ...w.lexicon.strong, ...w.lexicon.weak];
    // Words of the rules themselves (structure, not vocabulary).
    const structural = ['增幅', '降幅', '最高', '最低', '最大', '高于平均', '低于平均', '环比', '增长率'];
    for (const f of readdirSync(DEFAULT_TEMPLATES_DIR).filter((x) => x.endsWith('.hbs'))) {
      const literal = readFileSync(join(DEFAULT_TEMPLATES_DIR, f), 'utf8')
        .replace(/\{\{!--[\s\S]*?--\}\}/g, '')
        .replace(/\{\{[^}]*\}\}/g, ' ');
      let rest = literal;
      for (const word of [...known, ...structural].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
      expect(rest.match(/[升降增减涨跌]/g) ?? [], `${f}: ${rest.match(/.{0,6}[升降增减涨跌].{0,6}/g)?.join(' | ')}`).toEqual([]);
    }
  });

  it('a verb replaced by a synonym in wording.yaml keeps every claim it prints in its own check', () => {
    const base = verifyNarrative(renderNarrative(ledger), ledger);
    for (const [from, to] of [
      ['score: { up: 上升', 'score: { up: 升高'],
      ['growth: { up: 增长', 'growth: { up: 攀升'],
      ['rate: { up: 提高', 'rate: { up: 提升'],
      ['count: { up: 增加, down: 减少', 'count: { up: 增加, down: 下降'],
      ['score: { up: 上升, down: 下降', 'score: { up: 上升, down: 下滑'],
    ]) {
      const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
      cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
      const file = join(dir, 'wording.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toContain(from);
      writeFileSync(file, text.replace(from, to));
      const r = verifyNarrative(renderNarrative(ledger, { templatesDir: dir }), ledger);
      expect(r.problems, to).toEqual([]);
      for (const [kind, n] of Object.entries(base.byKind)) if (kind !== 'number') expect(r.byKind[kind] ?? 0, `${to}: ${kind}`).toBeGreaterThanOrEqual(n);
      expect(r.byKind.number ?? 0, `${to}: plain numbers`).toBeLessThanOrEqual(base.byKind.number ?? 0);
    }
  });

  it('an unknown or contrary word in wording.yaml stops the build naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vocab-'));
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    const file = join(dir, 'wording.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('score: { up: 上升', 'score: { up: 飙升'));
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(/wording\.yaml.*飙升.*lexicon\.up/);
    writeFileSync(file, readFileSync(file, 'utf8').replace('score: { up: 飙升', 'score: { up: 回落'));
    expect(() => renderNarrative(ledger, { templatesDir: dir })).toThrow(/回落.*意思相反/);
  });
});

describe('provenance and hand-checked sentences', () => {
  it('every number a template prints through a helper carries its fact', () => {
    const n = renderNarrative(ledger);
    const spans = n.sections.flatMap((b) => (b.type === 'paragraph' ? b.spans.map((s) => ({ text: b.text.slice(s.start, s.end), ref: s.ref })) : []));
    expect(spans.length).toBeGreaterThan(80);
    expect(spans).toContainEqual({ text: '30.11', ref: expect.objectContaining({ district: '渝北区', target: '双创活力', quarter: '2018Q3', measure: 'score' }) });
    expect(spans.find((s) => s.text === '86.67')?.ref).toMatchObject({ district: '渝北区', quarter: '2018Q2', measure: 'score' });
  });

  it("a template wired to last quarter's value where the words say this quarter is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), 'prov-'));
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    const file = join(dir, 'portrait.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{{district}}{{@root.root}}得分{{f2 total.score}}分', '{{district}}{{@root.root}}得分{{f2 total.previousScore}}分'));
    const r = verifyNarrative(renderNarrative(ledger, { templatesDir: dir }), ledger);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.message).join('\n')).toMatch(/86\.67是2018年第2季度的数值，句中说的是2018年第3季度|86\.67分是渝北区双创指数上一季度的得分/);
  });

  it('{{#checked}} passages are listed with their reason, not checked; everything else is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'checked-'));
    cpSync(DEFAULT_TEMPLATES_DIR, dir, { recursive: true });
    const file = join(dir, 'report.hbs');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n{{#paragraph "own"}}{{#checked "市统计局公报，已人工核对"}}全市研发投入为526.79亿元。{{/checked}}渝北区双创指数得分87.00分。{{/paragraph}}\n`);
    const n = renderNarrative(ledger, { templatesDir: dir });
    expect(n.handChecked).toEqual([{ sentence: '全市研发投入为526.79亿元。', reason: '市统计局公报，已人工核对' }]);
    const r = verifyNarrative(n, ledger, { handChecked: n.handChecked });
    expect(r.handChecked).toEqual(n.handChecked);
    expect(r.problems.map((p) => p.sentence)).toEqual(['渝北区双创指数得分87.00分。']);
  });

  it('a number whose meaning the sentence does not give stops the build as unverifiable', () => {
    const r = verifyText('全市研发投入为526.79亿元。', ledger);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: 'unverifiable', sentence: '全市研发投入为526.79亿元。' });
  });
});
