import { beforeAll, describe, expect, it } from 'vitest';
import { classify, palette, pngScale, renderChangeBars, renderDistributionMap, renderRankedBars, renderTwoQuarter, tierClasses, type RenderedFigure } from '../../src/figures/index.js';
import { loadDistrictGeo } from '../../src/figures/map/geo.js';
import { mapLabelLayout } from '../../src/figures/map/index.js';
import { FIXTURE, MEAN_CHANGE, PREVIOUS_QUARTER, QUARTER } from './fixture.js';
import { assertWellFormedSvg, colourCounts, decodePng, hex, svgSize } from './image.js';

const widthPt = 453;
const tiers = tierClasses([80, 70, 50]);
const totals = classify(
  FIXTURE.map((r) => ({ district: r.district, value: r.total })),
  tiers,
);
const note = '注：示意图，不作为区县界线依据。';

const renders: Record<string, () => Promise<RenderedFigure>> = {
  map: () => renderDistributionMap({ values: totals, classes: tiers, legendTitle: '双创指数', note, widthPt }),
  bars: () => renderRankedBars({ values: totals, classes: tiers, unit: '双创指数得分', widthPt }),
  change: () => renderChangeBars({ values: FIXTURE.map((r) => ({ district: r.district, pct: r.changePct })), mean: MEAN_CHANGE, widthPt }),
  'two-quarter': () =>
    renderTwoQuarter({
      values: FIXTURE.map((r) => ({ district: r.district, previous: r.previousTotal, current: r.total })),
      labels: [PREVIOUS_QUARTER, QUARTER],
      widthPt,
    }),
};

const figs: Record<string, RenderedFigure> = {};
beforeAll(async () => {
  for (const [k, r] of Object.entries(renders)) figs[k] = await r();
}, 30_000);

describe.each(Object.keys(renders))('%s', (kind) => {
  it('is sized in points at the text width, PNG at pngScale px/pt', async () => {
    const f = figs[kind];
    expect(f.widthPt).toBe(widthPt);
    expect(f.heightPt).toBeGreaterThan(200);
    expect(f.heightPt).toBeLessThan(700); // fits an A4 text block with its caption
    const p = await decodePng(f.png);
    expect(p.width).toBe(Math.floor(f.widthPt * pngScale));
    expect(p.height).toBe(Math.floor(f.heightPt * pngScale));
  });

  it('is not blank: a white background and several colours in the plot area', async () => {
    const p = await decodePng(figs[kind].png);
    const all = colourCounts(p);
    const total = p.width * p.height;
    expect((all.get('#ffffff') ?? 0) / total).toBeGreaterThan(0.3); // painted white, not transparent
    const plot = colourCounts(p, { x0: 0.2, y0: 0.05, x1: 0.95, y1: 0.9 });
    const solid = [...plot.entries()].filter(([, n]) => n > 200);
    expect(solid.length).toBeGreaterThan(2);
    // no transparent pixels anywhere
    let transparent = 0;
    for (let i = 3; i < p.data.length; i += 4) if (p.data[i] !== 255) transparent++;
    expect(transparent).toBe(0);
  });

  it('gives a well-formed vector SVG with text as outlines', async () => {
    const f = figs[kind];
    expect(f.svg).not.toMatch(/<text[\s>]/);
    expect(f.svg).toMatch(new RegExp(`<svg[^>]*width="${f.widthPt}"[^>]*height="${f.heightPt}"[^>]*viewBox="0 0 ${f.widthPt} ${f.heightPt}"`));
    expect(f.svg).not.toMatch(/<image[\s>]/); // nothing rasterised inside
    assertWellFormedSvg(f.svg);
    expect(await svgSize(f.svg)).toEqual({ width: f.widthPt, height: f.heightPt });
    expect((f.svg.match(/<path/g) ?? []).length).toBeGreaterThan(100); // glyph outlines are paths
    // labels are outlined by text-outlines.ts (font units under a transform), every marker replaced
    expect((f.svg.match(/transform="matrix\(0\.0\d+ 0 0 -0\.0\d+ /g) ?? []).length).toBeGreaterThan(10);
    expect(f.svg).not.toMatch(/fill="#01[0-9a-f]{4}"/i);
  });

  it('is deterministic: same data, same bytes', async () => {
    const again = await renders[kind]();
    expect(again.svg).toBe(figs[kind].svg);
    expect(Buffer.from(again.png).equals(Buffer.from(figs[kind].png))).toBe(true);
  });
});

describe('bars and change charts', () => {
  it('paints the tiers of the total in their class colours', async () => {
    const counts = colourCounts(await decodePng(figs.bars.png));
    for (const c of tiers) expect(counts.get(c.color) ?? 0).toBeGreaterThan(300);
  });
  it('shows rises and falls in two colours', async () => {
    const counts = colourCounts(await decodePng(figs.change.png));
    expect(counts.get(palette.rise) ?? 0).toBeGreaterThan(2000);
    expect(counts.get(palette.fall) ?? 0).toBeGreaterThan(2000);
  });
  it('rejects duplicate districts and non-finite values', async () => {
    await expect(
      renderRankedBars({
        values: [
          { district: '渝北区', value: 1 },
          { district: '渝北区', value: 2 },
        ],
        widthPt,
      }),
    ).rejects.toThrow(/given twice/);
    await expect(renderChangeBars({ values: [{ district: '渝北区', pct: NaN }], mean: 0, widthPt })).rejects.toThrow(/finite/);
    await expect(renderRankedBars({ values: totals, classes: tiers.slice(1), widthPt })).rejects.toThrow(/渝北区: class "80分以上"/);
  });
});

/** Each district's share of the total area (planar lon/lat scaled by cos(lat)). */
function areaShares(): Map<string, number> {
  const areas = loadDistrictGeo().features.map((f) => {
    const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates[0])[0];
    let a = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const k = Math.cos((ring[i][1] * Math.PI) / 180);
      a += (ring[j][0] - ring[i][0]) * k * (ring[j][1] + ring[i][1]);
    }
    return [f.properties.name, Math.abs(a / 2)] as const;
  });
  const sum = areas.reduce((s, [, a]) => s + a, 0);
  return new Map(areas.map(([n, a]) => [n, a / sum]));
}

describe('distribution map', () => {
  it('colours every one of the 38 districts, none filling the frame', async () => {
    const names = loadDistrictGeo().features.map((f) => f.properties.name);
    expect(names).toHaveLength(38);
    // one class (and one colour) per district
    const colour = (i: number) => hex(30 + (i % 6) * 40, 60 + (Math.floor(i / 6) % 7) * 25, 140 + (i % 2) * 50);
    const classes = names.map((n, i) => ({ label: n, color: colour(i) }));
    expect(new Set(classes.map((c) => c.color)).size).toBe(38);
    const f = await renderDistributionMap({
      values: names.map((n) => ({ district: n, value: 1, classLabel: n })),
      classes,
      legendTitle: '区县',
      widthPt,
    });
    const p = await decodePng(f.png);
    const counts = colourCounts(p);
    const total = p.width * p.height;
    // each district's share of the painted pixels must be near its share of the area
    // (labels and borders take a little; the inset adds to the central ones)
    const share = areaShares();
    const painted = classes.reduce((s, c) => s + (counts.get(c.color) ?? 0), 0);
    expect(painted / total).toBeGreaterThan(0.3);
    for (const c of classes) {
      const n = counts.get(c.color) ?? 0;
      expect(n, `${c.label} (${c.color})`).toBeGreaterThan(0.5 * share.get(c.label)! * painted);
      expect(n / total, `${c.label} fills too much`).toBeLessThan(0.1);
    }
  });

  it('colours the tiers in proportion: the 50—70 tier covers most of the map', async () => {
    const counts = colourCounts(await decodePng(figs.map.png));
    const n = (label: string) => counts.get(tiers.find((t) => t.label === label)!.color) ?? 0;
    for (const t of tiers) expect(n(t.label), t.label).toBeGreaterThan(500);
    expect(n('50—70分')).toBeGreaterThan(n('80分以上') + n('70—80分') + n('50分以下'));
  });

  it('names every district, the small central ones in the inset, without overlaps', async () => {
    const labels = await mapLabelLayout({ values: totals, classes: tiers, legendTitle: '双创指数', note, widthPt });
    const named = new Set(labels.map((l) => l.name));
    for (const f of loadDistrictGeo().features) expect(named.has(f.properties.name), f.properties.name).toBe(true);
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i].box;
        const b = labels[j].box;
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${labels[i].name} overlaps ${labels[j].name}`).toBe(false);
      }
    }
    // 渝中区 is far too small for its name on the main map: it is named once, in the inset
    expect(labels.filter((l) => l.name === '渝中区')).toHaveLength(1);
  });

  it('prints 无数据 for a district without data, and rejects unknown names', async () => {
    const f = await renderDistributionMap({ values: totals.slice(1), classes: tiers, legendTitle: '双创指数', widthPt });
    const counts = colourCounts(await decodePng(f.png));
    expect(counts.get(palette.missing) ?? 0).toBeGreaterThan(300);
    await expect(renderDistributionMap({ values: [{ district: '渝北', value: 1, classLabel: '80分以上' }], classes: tiers, legendTitle: 'x', widthPt })).rejects.toThrow(/unknown district "渝北"/);
  });
});
