/**
 * The figures as the report builds them from the sample ledger: the half-width set-up
 * of paired figures (size, type never below 6 pt, every district and value still
 * printed) and each figure's alt text (caption, every district with its value).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFigures, halfWidthPt, PAIR_GAP_PT, type ReportFigure } from '../../src/figures/build.js';
import { loadFigureSpecs, numberFigures } from '../../src/figures/spec.js';
import { textWidthPt } from '../../src/figures/style.js';
import type { Ledger } from '../../src/facts/types.js';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { decodePng } from './image.js';

let ledger: Ledger;
let figures: ReportFigure[];

beforeAll(async () => {
  ({ ledger } = await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' }));
  figures = await buildFigures(ledger, numberFigures(loadFigureSpecs()));
}, 120_000);

/** Type sizes of the labels of an SVG, in pt: our label outlines are placed by matrix(size/unitsPerEm …), unitsPerEm 1000. */
function labelSizes(svg: string): number[] {
  return [...svg.matchAll(/transform="matrix\(([\d.]+) /g)].map((m) => Math.round(Number(m[1]) * 1000 * 100) / 100);
}

describe('figures side by side', () => {
  it('renders the paired figures (change and bars of each index) also at half the text width', async () => {
    const paired = figures.filter((f) => f.spec.pairing);
    expect(paired.map((f) => f.spec.id)).toEqual(['change-total', 'bars-total', 'change-vitality', 'bars-vitality', 'change-environment', 'bars-environment', 'change-outcome', 'bars-outcome']);
    for (const f of figures.filter((x) => !x.spec.pairing)) expect(f.half).toBeUndefined();
    for (const f of paired) {
      expect(f.half!.widthPt).toBe(halfWidthPt());
      // two of them and the gap fit the text width
      expect(2 * f.half!.widthPt + PAIR_GAP_PT).toBeLessThanOrEqual(textWidthPt);
      // lower than at full width: the pair takes less height than one full-width figure
      expect(f.half!.heightPt).toBeLessThan(f.rendered.heightPt * 0.85);
      const png = await decodePng(f.half!.png);
      expect([png.width, png.height]).toEqual([f.half!.widthPt * 2, f.half!.heightPt * 2]);
    }
  });

  it('sets no label of a half-width figure below 6 pt (and the full-width ones at the house sizes)', () => {
    for (const f of figures.filter((x) => x.half)) {
      const half = labelSizes(f.half!.svg);
      expect(half.length, f.spec.id).toBeGreaterThan(38); // the district names and the values at least
      expect(Math.min(...half), f.spec.id).toBeGreaterThanOrEqual(6);
      expect(Math.max(...half), f.spec.id).toBeLessThan(Math.min(...labelSizes(f.rendered.svg)) + 0.01);
    }
  });

  it('gives the same drawing for the same width: renderAt(half) equals half', async () => {
    const f = figures.find((x) => x.spec.id === 'bars-total')!;
    const again = await f.renderAt(halfWidthPt());
    expect(again.svg).toBe(f.half!.svg);
    expect(Buffer.from(again.png).equals(Buffer.from(f.half!.png))).toBe(true);
  });
});

describe('alt text', () => {
  it('starts with the figure number and caption and names every district with its value as printed', () => {
    for (const f of figures) {
      expect(f.altText.startsWith(`图${f.spec.number} ${f.caption}：`), f.spec.id).toBe(true);
      for (const d of ledger.districts) {
        const s = d.scores[f.spec.node];
        const value = f.spec.kind === 'change' ? `${s.pct!.toFixed(2)}%` : f.spec.kind === 'rank-intervals' ? `第${s.rank}位` : s.score.toFixed(2);
        expect(f.altText, `${f.spec.id}: ${d.district}`).toContain(f.spec.kind === 'two-quarter' ? `${d.district} 上季度${s.previousScore!.toFixed(2)}，本季度${value}` : `${d.district} ${value}`);
      }
    }
  });

  it('lists the districts in the order the chart ranks them, the change chart with its mean', () => {
    const bars = figures.find((f) => f.spec.id === 'bars-total')!;
    const order = [...ledger.districts].sort((a, b) => b.scores['双创指数'].score - a.scores['双创指数'].score).map((d) => d.district);
    const positions = order.map((d) => bars.altText.indexOf(`${d} `));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const change = figures.find((f) => f.spec.id === 'change-total')!;
    expect(change.altText).toMatch(new RegExp(`；平均 ${ledger.nodes['双创指数'].change!.meanPct.toFixed(2)}%。$`));
  });

  it('groups a map’s districts by the classes of its legend', () => {
    const map = figures.find((f) => f.spec.id === 'map-total')!;
    for (const t of ledger.tiers) {
      const members = ledger.districts.filter((d) => d.tier === t.name);
      if (members.length) expect(map.altText).toContain(`${t.label}：${members.sort((a, b) => b.scores['双创指数'].score - a.scores['双创指数'].score)[0].district}`);
    }
  });
});
