/**
 * The report's figures from the facts ledger: each figure's data picked out of the
 * ledger by its kind (kinds.ts) and drawn. Tier colours of the total follow the
 * ledger's tier membership, so the map, the bars and the text can never disagree.
 *
 * API for the document and its renderers:
 *   buildFigures(ledger, figures, { widthPt?, memo? }) → ReportFigure[] in figure order;
 *   `figures` numbered already (numberFigures; in a report by document/figure-numbers.ts).
 *   - `rendered`: the figure at the text width (`widthPt`, default 453 pt; maps at 85 %).
 *   - `half`: only for a figure that stands beside another (`spec.pairing`: `with` the
 *     other's id, `side` left or right; from `pair:` in templates/figures.yaml): the same
 *     figure set up for `halfWidthPt(widthPt)` = (width − 12 pt) ÷ 2, with smaller type
 *     (≥ 6 pt) and lower rows. Place the left one, a gap of PAIR_GAP_PT, the right one;
 *     the two may differ in height (align their tops). A pair whose partner was left out
 *     (no previous quarter) has no pairing and no `half`.
 *   - `altText`: the caption and every district with its value as plain Chinese text
 *     (e.g. 图3 38个区县双创指数得分（2018年第3季度）：渝北区 88.59；江北区 80.00；…), to
 *     put beside the figure as invisible text or alt text, since the figure's labels
 *     are outlines a reader cannot search.
 *   - `renderAt(widthPt)`: the figure drawn at any other width (e.g. one column of a
 *     two-column layout); sizes follow sizesFor(widthPt).
 */
import type { Ledger } from '../facts/types.js';
import { FIGURE_KIND_ENTRIES } from './kinds.js';
import type { FigureMemo } from './memo.js';
import { figureCaption, type NumberedFigure } from './spec.js';
import { halfWidthPt, mapWidthPt, textWidthPt } from './style.js';
import type { RenderedFigure } from './types.js';

export { createFigureMemo, type DataStore, type FigureMemo } from './memo.js';
export { halfWidthPt, PAIR_GAP_PT } from './style.js';

export interface ReportFigure {
  spec: NumberedFigure;
  caption: string;
  note?: string;
  /** At the text width (maps a little narrower). */
  rendered: RenderedFigure;
  /** At half the text width, for a figure that stands beside another (spec.pairing). */
  half?: RenderedFigure;
  /** 图N, the caption and the figure's data as plain text, for invisible text / alt text. */
  altText: string;
  /** The figure drawn at another width. */
  renderAt: (widthPt: number) => Promise<RenderedFigure>;
  /** The numbers the figure prints, by district (checked against the ledger in tests). */
  printed: Record<string, number>;
}

export async function buildFigures(ledger: Ledger, figures: NumberedFigure[], opts: { widthPt?: number; memo?: FigureMemo } = {}): Promise<ReportFigure[]> {
  const widthPt = opts.widthPt ?? textWidthPt;
  const buildOne = async (spec: NumberedFigure): Promise<ReportFigure> => {
    // A district whose node is left uncomputed (missing: uncomputed) has no score: it is not drawn, and the note says so.
    const scores = ledger.districts.filter((d) => d.scores[spec.node]).map((d) => ({ district: d.district, s: d.scores[spec.node] }));
    if (scores.length === 0) throw new Error(`figure ${spec.id}: the ledger has no scores for ${spec.node}`);
    const uncomputed = ledger.nodes[spec.node]?.uncomputed ?? [];
    const caption = figureCaption(spec, ledger);
    const prepared = FIGURE_KIND_ENTRIES[spec.kind].prepare({ ledger, spec, scores });
    // With a memo, a figure drawn before from the same data is reused (the memo keeps it by what it draws).
    const memo = opts.memo;
    const renderAt = (w: number) => (memo ? memo.drawn({ drawing: prepared.drawing, widthPt: w }, () => prepared.render(w, memo), prepared.files) : prepared.render(w, undefined));
    const rendered = await renderAt(spec.kind === 'map' ? mapWidthPt(widthPt) : widthPt);
    const half = spec.pairing ? await renderAt(halfWidthPt(widthPt)) : undefined;
    const note = uncomputed.length && spec.kind !== 'map' ? [prepared.note, `注：${uncomputed.join('、')}的${spec.node}未计算（指标缺失），图中未列出。`].filter(Boolean).join('') : prepared.note;
    return {
      spec,
      caption,
      ...(note ? { note } : {}),
      rendered,
      ...(half ? { half } : {}),
      altText: `图${spec.number} ${caption}：${prepared.dataText}。`,
      renderAt,
      printed: prepared.printed,
    };
  };
  // Figures are drawn one after another on the main thread while the PNG encodings of
  // the previous ones run on the libuv threadpool; each figure's bytes depend on its
  // own data only, and the list keeps the figure order.
  return inOrder(figures, FIGURES_IN_FLIGHT, buildOne);
}

/**
 * Renders in flight at once (bounds the raster canvases held while their PNGs encode):
 * with 2 instead of 4, the command that draws every figure peaks at 399 MB instead of
 * 429 MB, in no measurably longer time (one PNG still deflates while the next figure draws).
 */
const FIGURES_IN_FLIGHT = 2;

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
