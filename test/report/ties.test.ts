/**
 * Valid data the house phrasing has no ready sentence for still makes a report: all
 * 38 districts equal (a 38-way tie is a tie), and all scores zero (no % change can be
 * computed from a base of zero, so the comparison is left out, saying why).
 */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report.js';
import { scoreTable, tempDir, writeFile } from '../helpers.js';

const T = 120_000;

function data(score: [number, number, number]): string {
  const dir = tempDir('ties-');
  writeFile(
    dir,
    'scores.csv',
    scoreTable(['2018Q2', '2018Q3'], () => score),
  );
  return dir;
}

describe('data the templates must still phrase', () => {
  it(
    'all districts equal: every list is a tie, the top district is 并列最高, the report builds and checks',
    async () => {
      const r = await buildReport({ data: data([20, 25, 15]), quarter: '2018Q3' });
      const md = Buffer.from(r.files.get('narrative.md')!).toString('utf8');
      expect(md).toContain('全市38个区县的双创活力指数值均为20.00。');
      expect(md).toContain('得分并列最高的万州区');
      expect(r.factCheck!.pdf.ok && r.factCheck!.docx.ok && r.factCheck!.narrative.ok).toBe(true);
    },
    T,
  );

  it(
    'all scores zero: no % change exists, so the comparison is left out with the reason',
    async () => {
      const r = await buildReport({ data: data([0, 0, 0]), quarter: '2018Q3' });
      const md = Buffer.from(r.files.get('narrative.md')!).toString('utf8');
      expect(md).toContain('由于2018年第2季度各区县的得分均为零，无法计算2018年第3季度各区县双创指数的环比变化');
      expect(r.figures!.some((f) => f.spec.kind === 'change')).toBe(false);
    },
    T,
  );
});
