/**
 * The report's figures from the facts ledger: picks each figure's data out of the
 * ledger and hands it to a renderer. Tier colours of the total follow the ledger's
 * tier membership, so the map, the bars and the text can never disagree.
 */
import type { Ledger } from '../facts/types.js';
import { renderChangeBars } from './change.js';
import { classBreaks, classify, tierClasses, type ValueClass } from './classes.js';
import { renderDistributionMap } from './map/index.js';
import type { FigureMemo } from './memo.js';
export { createFigureMemo, type DataStore, type FigureMemo } from './memo.js';
import { renderRankedBars } from './bars.js';
import { fillCaption, numberFigures, type FigureSpec, type NumberedFigure } from './spec.js';
import { textWidthPt } from './style.js';
import { renderTwoQuarter } from './two-quarter.js';
import type { RenderedFigure } from './types.js';

export interface ReportFigure {
  spec: NumberedFigure;
  caption: string;
  note?: string;
  rendered: RenderedFigure;
  /** The numbers the figure prints, by district (checked against the ledger in tests). */
  printed: Record<string, number>;
}

/** The classes of a node's figures: the ledger's tiers for the total, rounded breaks for the others. */
function classesFor(ledger: Ledger, node: string): { classes: ValueClass[]; classLabel: (district: string, value: number) => string } {
  if (node === ledger.meta.root) {
    const bounds = ledger.tiers.map((t) => t.min).filter((m): m is number => m !== null);
    const colored = tierClasses(bounds);
    const classes = ledger.tiers.map((t, i) => ({ ...colored[i], label: t.label }));
    const tierOf = new Map(ledger.districts.map((d) => [d.district, d.tier]));
    const labelOf = new Map(ledger.tiers.map((t) => [t.name, t.label]));
    return { classes, classLabel: (district) => labelOf.get(tierOf.get(district)!)! };
  }
  const classes = classBreaks(ledger.districts.map((d) => d.scores[node].score), 4);
  return {
    classes,
    classLabel: (district, value) => classify([{ district, value }], classes)[0].classLabel,
  };
}

export async function buildFigures(ledger: Ledger, specs: FigureSpec[], opts: { widthPt?: number; memo?: FigureMemo } = {}): Promise<ReportFigure[]> {
  const widthPt = opts.widthPt ?? textWidthPt;
  const figures = numberFigures(specs, { hasPrevious: ledger.meta.previous !== null });
  const buildOne = async (spec: NumberedFigure): Promise<ReportFigure> => {
    const scores = ledger.districts.map((d) => ({ district: d.district, s: d.scores[spec.node] }));
    if (scores.some((x) => x.s === undefined)) throw new Error(`figure ${spec.id}: the ledger has no scores for ${spec.node}`);
    const caption = fillCaption(spec.caption, {
      quarterLabel: ledger.meta.quarterLabel,
      previousQuarterLabel: ledger.meta.previousLabel ?? undefined,
      node: spec.node,
      districtCount: ledger.meta.districtCount,
    });
    let rendered: RenderedFigure;
    let printed: Record<string, number>;
    let note = spec.note;
    switch (spec.kind) {
      case 'map': {
        const { classes, classLabel } = classesFor(ledger, spec.node);
        const values = scores.map(({ district, s }) => ({ district, value: s.score, classLabel: classLabel(district, s.score) }));
        // A little narrower than the text: the map is nearly square, and at full width it would rarely share a page with text.
        rendered = await renderDistributionMap({ values, classes, legendTitle: spec.node, note: spec.note, widthPt: Math.round(widthPt * 0.85), memo: opts.memo });
        note = undefined; // the map prints its note inside the figure
        printed = {};
        break;
      }
      case 'bars': {
        const { classes, classLabel } = classesFor(ledger, spec.node);
        const values = scores.map(({ district, s }) => ({ district, value: s.score, classLabel: classLabel(district, s.score) }));
        rendered = await renderRankedBars({ values, classes, unit: '分', widthPt });
        printed = Object.fromEntries(values.map((v) => [v.district, v.value]));
        break;
      }
      case 'change': {
        const change = ledger.nodes[spec.node]?.change;
        if (!change) throw new Error(`figure ${spec.id}: no change facts for ${spec.node}`);
        const values = scores.filter(({ s }) => s.pct !== null && s.pct !== undefined).map(({ district, s }) => ({ district, pct: s.pct as number }));
        const missing = scores.filter(({ s }) => s.pct === null || s.pct === undefined).map(({ district }) => district);
        rendered = await renderChangeBars({ values, mean: change.meanPct, widthPt });
        if (missing.length) note = `注：${missing.join('、')}上季度得分为0，无法计算变化率，图中未列出。`;
        printed = Object.fromEntries(values.map((v) => [v.district, v.pct]));
        break;
      }
      case 'two-quarter': {
        const values = scores.map(({ district, s }) => ({ district, previous: s.previousScore as number, current: s.score }));
        rendered = await renderTwoQuarter({ values, labels: [ledger.meta.previousLabel!, ledger.meta.quarterLabel], widthPt });
        printed = Object.fromEntries(values.map((v) => [v.district, v.current]));
        break;
      }
    }
    return { spec, caption, ...(note ? { note } : {}), rendered, printed };
  };
  // Figures are drawn one after another on the main thread while the PNG encodings of
  // the previous ones run on the libuv threadpool; each figure's bytes depend on its
  // own data only, and the list keeps the figure order.
  return inOrder(figures, FIGURES_IN_FLIGHT, buildOne);
}

/** Renders in flight at once (bounds the raster canvases held while their PNGs encode). */
const FIGURES_IN_FLIGHT = 4;

/** Maps `items` through `fn` with at most `limit` calls pending; results in input order. */
async function inOrder<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** File name stem of a figure: its number and subject, e.g. fig01-map-total. */
export function figureFileStem(f: { spec: { number: number; id: string } }): string {
  return `fig${String(f.spec.number).padStart(2, '0')}-${f.spec.id}`;
}
