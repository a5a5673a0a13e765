import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeFile } from '../helpers.js';

// The command as installed: bin/scindex.mjs (run from the cached bundle of the sources).
const run = (args: string[]) => spawnSync(process.execPath, ['bin/scindex.mjs', ...args], { encoding: 'utf8', cwd: process.cwd() });

describe('command line', () => {
  it('builds the sample quarter 2018Q3 end to end into the archive (out/2018Q3/v1/facts.json)', () => {
    const out = join(tempDir(), 'out');
    const r = run(['report', '--quarter', '2018年第3季度', '--out', out, '--facts-only']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ledger = JSON.parse(readFileSync(join(out, '2018Q3/v1/facts.json'), 'utf8'));
    expect(ledger.meta).toMatchObject({ quarter: '2018Q3', previous: '2018Q2', title: '2018年第三季度重庆区县双创指数报告' });
    // the sample is shaped like the published report: the urban core on top, remote counties at the bottom
    expect(ledger.tiers.map((t: { count: number }) => t.count).reduce((a: number, b: number) => a + b, 0)).toBe(38);
    expect(ledger.nodes['双创指数'].highest.districts).toEqual(['渝北区']);
    expect(ledger.tiers[3].members.map((m: { district: string }) => m.district)).toEqual(expect.arrayContaining(['武隆区']));
    expect(ledger.portraits.map((p: { role: string }) => p.role)).toEqual(['top', 'riser', 'faller']);
    // every total is the sum of its printed sub-indices
    for (const d of ledger.districts) {
      const s = d.scores;
      expect(s['双创指数'].score).toBeCloseTo(s['双创活力'].score + s['双创环境'].score + s['双创成效'].score, 6);
    }
  });

  it('the first quarter has no previous quarter: changes are unavailable, not an error', () => {
    const out = join(tempDir(), 'out');
    const r = run(['report', '-q', '2017Q1', '-o', out, '--facts-only']);
    expect(r.status).toBe(0);
    const ledger = JSON.parse(readFileSync(join(out, '2017Q1/v1/facts.json'), 'utf8'));
    expect(ledger.meta.previous).toBeNull();
    expect(ledger.meta.changesUnavailable).toContain('无法计算环比变化');
  });

  it('bad input: a clear message, exit code 2, nothing written', () => {
    const dir = tempDir();
    writeFile(dir, 'bad.csv', '季度,区县,双创活力\n2018Q3,不存在区,1\n');
    const out = join(dir, 'out');
    const r = run(['report', '--data', dir, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv 第2行 列 B（区县）: 未知的区县"不存在区"/);
    expect(existsSync(out)).toBe(false);
  });

  it('--help describes the options', () => {
    const r = run(['report', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--data <path>/);
    expect(r.stdout).toMatch(/--quarter <quarter>/);
  });
});
