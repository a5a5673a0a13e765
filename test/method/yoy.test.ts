import { describe, expect, it } from 'vitest';
import { buildFacts, loadInputs } from '../../src/pipeline.js';
import { quartersUsed } from '../../src/compute/index.js';
import { renderNarrative, narrativeToMarkdown } from '../../src/narrative/index.js';
import { DEFAULT_TEMPLATES } from '../../src/report.js';
import { join } from 'node:path';
import { DISTRICTS, scoreTable, tempDir, writeFile } from '../helpers.js';

/**
 * Three quarters: 2017Q3 (the year-ago base), 2018Q2 and 2018Q3. District i scores
 * 20 + i·0.1 (活力) in 2017Q3; in 2018Q3 the first ten rise by i+1 points, district 10
 * and 11 fall by 2 (a tie of the largest fall), the rest stay. 环比 is flat throughout
 * except district 0, so 同比 and 环比 differ and cannot be mixed up.
 */
function table(): string {
  return scoreTable(['2017Q3', '2018Q2', '2018Q3'], (q, _d, i) => {
    const base = 20 + i * 0.1;
    if (q === '2017Q3') return [base, 30, 15];
    const yoy = i < 10 ? i + 1 : i === 10 || i === 11 ? -2 : 0;
    if (q === '2018Q2') return [base + yoy, 30, 15];
    return [base + yoy + (i === 0 ? 0.5 : 0), 30, 15];
  });
}

describe('同比 (year on year)', () => {
  it('holds the year-ago score, rank, diff and % for every district and node, beside 环比', async () => {
    const dir = tempDir();
    writeFile(dir, 'scores.csv', table());
    const { ledger } = await buildFacts({ data: dir, quarter: '2018Q3' });
    expect(ledger.meta.yearAgo).toBe('2017Q3');
    expect(ledger.meta.yearAgoLabel).toBe('2017年第3季度');
    const d9 = ledger.districts[9].scores['双创活力'];
    // 2017Q3: 20.9; 2018Q3: 30.9 → +10, +47.85 %
    expect(d9.yoy).toEqual({ quarter: '2017Q3', previousScore: 20.9, previousRank: 29, diff: 10, pct: 47.85, rankMove: 28 });
    expect(d9.diff).toBe(0); // 环比 flat
    const total0 = ledger.districts[0].scores['双创指数'];
    expect(total0.yoy!.diff).toBe(1.5); // 1 year on year + 0.5 this quarter
    expect(total0.diff).toBe(0.5);
  });

  it('gives per node the mean % change, how many rose and fell, and the biggest risers and fallers, with the quarters in the basis', async () => {
    const dir = tempDir();
    writeFile(dir, 'scores.csv', table());
    const { ledger } = await buildFacts({ data: dir, quarter: '2018Q3' });
    const yoy = ledger.nodes['双创活力'].yoy!;
    expect(yoy.basis).toEqual({ node: '双创活力', quarters: ['2018Q3', '2017Q3'], measure: 'pct' });
    expect(ledger.nodes['双创活力'].change!.basis.quarters).toEqual(['2018Q3', '2018Q2']);
    expect(yoy).toMatchObject({ rose: 10, fell: 2, same: 26 });
    const pcts = DISTRICTS.map((_, i) => {
      const base = 20 + i * 0.1;
      const now = i < 10 ? base + i + 1 + (i === 0 ? 0.5 : 0) : i === 10 || i === 11 ? base - 2 : base;
      return Math.round(((now - base) / base) * 10000) / 100;
    });
    expect(yoy.meanPct).toBeCloseTo(pcts.reduce((s, x) => s + x, 0) / 38, 2);
    expect(yoy.biggestRise!.districts).toEqual([DISTRICTS[9]]);
    expect(yoy.risers.map((r) => r.district)).toEqual([9, 8, 7, 6, 5].map((i) => DISTRICTS[i]));
    // the two falls differ slightly in % (different bases): 21.0 → 19.0 is the larger % fall
    expect(yoy.fallers.map((r) => r.district)).toEqual([DISTRICTS[10], DISTRICTS[11]]);
    expect(ledger.nodes['双创环境'].yoy).toMatchObject({ rose: 0, fell: 0, same: 38, biggestRise: null });
    // 环比 knows only district 0's half point
    expect(ledger.nodes['双创活力'].change).toMatchObject({ rose: 1, fell: 0 });
  });

  it('ties in the year-on-year change share the extreme', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'scores.csv',
      scoreTable(['2017Q3', '2018Q3'], (q, _d, i) => (q === '2017Q3' ? [20, 30, 15] : [i < 3 ? 22 : 20, 30, 15])),
    );
    const { ledger } = await buildFacts({ data: dir, quarter: '2018Q3' });
    expect(ledger.meta.previous).toBeNull(); // no 2018Q2: 环比 unavailable, 同比 still there
    expect(ledger.nodes['双创活力'].change).toBeNull();
    expect(ledger.nodes['双创活力'].yoy!.biggestRise!.districts).toEqual(DISTRICTS.slice(0, 3));
  });

  it('is absent when the data lack the same quarter of the previous year', async () => {
    const dir = tempDir();
    writeFile(
      dir,
      'scores.csv',
      scoreTable(['2018Q2', '2018Q3'], () => [20, 30, 15]),
    );
    const { ledger } = await buildFacts({ data: dir, quarter: '2018Q3' });
    expect(ledger.meta.yearAgo).toBeNull();
    expect(ledger.nodes['双创指数'].yoy).toBeNull();
    expect(ledger.districts[0].scores['双创指数'].yoy).toBeUndefined();
  });

  it('the year-ago quarter is among the quarters a build reads (so the archive snapshots its rows)', async () => {
    const dir = tempDir();
    writeFile(dir, 'scores.csv', table());
    const { config, dataset } = await loadInputs({ data: dir });
    expect(quartersUsed(config, dataset, '2018Q3')).toEqual(['2017Q3', '2018Q2', '2018Q3']);
  });

  it("the 同比 paragraph states the ledger's year-on-year facts, and only when switched on", async () => {
    const dir = tempDir();
    writeFile(dir, 'scores.csv', table());
    const { ledger } = await buildFacts({ data: dir, quarter: '2018Q3' });
    const render = () => narrativeToMarkdown(renderNarrative(ledger, { templatesDir: join(DEFAULT_TEMPLATES, 'report') }));
    expect(ledger.meta.yearOnYearParagraph).toBe(true); // on by default when the data allow it
    ledger.meta.yearOnYearParagraph = false;
    expect(render()).not.toContain('同比');
    ledger.meta.yearOnYearParagraph = true;
    const text = render();
    const para = text.split('\n').find((l) => l.startsWith('从同比来看'))!;
    const yoy = ledger.nodes['双创指数'].yoy!;
    expect(para).toContain('与2017年第3季度相比');
    expect(para).toContain(`同比平均增长了${yoy.meanPct.toFixed(2)}%`);
    expect(para).toContain(`其中有${yoy.rose}个区县的双创指数得分同比上升`);
    expect(para).toContain(`其中${yoy.biggestRise!.districts[0]}增幅最大，上升了${yoy.biggestRise!.diff.toFixed(2)}分`);
    // on the total the two falls round to the same % (3.03 %): a tie, said as such
    expect(yoy.biggestFall!.districts).toEqual([DISTRICTS[10], DISTRICTS[11]]);
    expect(para).toContain(`其中${DISTRICTS[10]}和${DISTRICTS[11]}降幅并列最大，降幅均为${Math.abs(yoy.biggestFall!.value).toFixed(2)}%`);
  });
});
