/**
 * Renders every kind of figure with the test fixture to /tmp/figs (PNG + SVG), twice,
 * and prints sizes, timings and whether both renders gave the same bytes.
 *   npx tsx scripts/figures-preview.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { classBreaks, classify, renderChangeBars, renderDistributionMap, renderRankedBars, renderTwoQuarter, tierClasses, type RenderedFigure } from '../src/figures/index.js';
import { takeRenderTimings } from '../src/figures/render.js';
import { FIXTURE, MEAN_CHANGE, PREVIOUS_QUARTER, QUARTER } from '../test/figures/fixture.js';

const out = process.argv[2] ?? '/tmp/figs';
mkdirSync(out, { recursive: true });
const widthPt = 453;
const note = '注：示意图，不作为区县界线依据。';

const tiers = tierClasses([80, 70, 50]);
const totals = FIXTURE.map((r) => ({ district: r.district, value: r.total }));
const vitality = FIXTURE.map((r) => ({ district: r.district, value: r.vitality }));
const vitalityClasses = classBreaks(
  vitality.map((v) => v.value),
  4,
);
// a sub-index change: fixture changes scaled, so the picture differs from the total's
const vitalityChange = FIXTURE.map((r, i) => ({ district: r.district, pct: Math.round(r.changePct * (i % 3 === 0 ? -0.6 : 0.8) * 100) / 100 }));
const vitalityMean = Math.round((vitalityChange.reduce((s, r) => s + r.pct, 0) / vitalityChange.length) * 100) / 100;

const jobs: [string, () => Promise<RenderedFigure>][] = [
  ['map-total', () => renderDistributionMap({ values: classify(totals, tiers), classes: tiers, legendTitle: '双创指数', note, widthPt })],
  ['change-total', () => renderChangeBars({ values: FIXTURE.map((r) => ({ district: r.district, pct: r.changePct })), mean: MEAN_CHANGE, widthPt })],
  ['bars-total', () => renderRankedBars({ values: classify(totals, tiers), classes: tiers, unit: '双创指数得分', widthPt })],
  ['map-vitality', () => renderDistributionMap({ values: classify(vitality, vitalityClasses), classes: vitalityClasses, legendTitle: '双创活力', note, widthPt })],
  ['change-vitality', () => renderChangeBars({ values: vitalityChange, mean: vitalityMean, widthPt })],
  ['bars-vitality', () => renderRankedBars({ values: classify(vitality, vitalityClasses), classes: vitalityClasses, unit: '双创活力得分', widthPt })],
  [
    'two-quarter-total',
    () =>
      renderTwoQuarter({
        values: FIXTURE.map((r) => ({ district: r.district, previous: r.previousTotal, current: r.total })),
        labels: [PREVIOUS_QUARTER, QUARTER],
        axisTitle: '双创指数得分',
        widthPt,
      }),
  ],
];

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
console.log('figure               size(pt)   PNG bytes  SVG bytes   PNG ms  SVG ms  deterministic');
for (const [name, render] of jobs) {
  const f = await render();
  const [t] = takeRenderTimings();
  const again = await render();
  takeRenderTimings();
  const det = same(f.png, again.png) && f.svg === again.svg;
  writeFileSync(join(out, `${name}.png`), f.png);
  writeFileSync(join(out, `${name}.svg`), f.svg);
  console.log(
    `${name.padEnd(20)} ${`${f.widthPt}×${f.heightPt}`.padEnd(10)} ${String(f.png.length).padStart(9)} ${String(Buffer.byteLength(f.svg)).padStart(10)} ${t.pngMs.toFixed(0).padStart(8)} ${t.svgMs.toFixed(0).padStart(7)}  ${det ? 'yes' : 'NO'}`,
  );
}
console.log(`written to ${out}`);
