/**
 * PDF renderer: DocumentModel → pdfmake 0.3 document definition → bytes.
 *
 * Page furniture follows the bulletin 科技参考: running header (bulletin name
 * left, column label right, rule under it), page number at the foot, captions
 * 图N under figures and 表N above tables, footnotes marked ① and printed at the
 * foot of the page that carries the mark.
 *
 * The folder, in the order a render uses it:
 *   definition.ts       the model as a pdfmake definition, for one pass
 *   layout-plan.ts      the planner: footnote space, figure sizes and page breaks per pass, as data
 *   flow.ts             the blocks' measured heights, read off a laid-out pass
 *   paginate.ts         pdfmake's pagination redone on those heights, without pdfmake
 *   floats.ts           where each figure stands and at what size, for the whole document at once
 *   pdfmake-adapter.ts  every hook into pdfmake / PDFKit / fontkit, behind a version check
 *   styles.ts           paragraph styles and furniture dimensions
 * This module runs the passes the planner asks for and returns the bytes of
 * the last, with the model as laid out (figure order and sizes decided here),
 * which the DOCX renderer then follows. A report takes two passes: a planning
 * pass that is only measured, then the final pass laid out as planned (a third
 * only when a footnote mark lands elsewhere than foreseen).
 *
 * Output is deterministic: fixed CreationDate/ModDate (from meta.date), and
 * PDFKit derives the file /ID from the info dictionary, so equal models give
 * equal bytes.
 *
 * Speed and memory: figures are not drawn by pdfmake's svg-to-pdfkit but
 * compiled once per render (svg-pdf/) into Form XObjects, deflated on the
 * thread pool while the planning pass lays out; the planning pass only lays
 * out (nothing is drawn); text runs are shaped once per process (the adapter's
 * shareShapedRuns), though PDFKit still parses the fonts for each document.
 * Two layout passes (one measured, one final) instead of eight since the float
 * planner: warm PDF stage 317 ms on the sample (npm run bench, idle 2-core VM).
 */
import type { DocumentModel } from '../../model/types.js';
import { withFigureScales } from '../../model/layout.js';
import { defaultFontSet, type FontSet } from '../../fonts.js';
import { FigureSet } from '../svg-pdf/index.js';
import { buildDefinition, type BuildState } from './definition.js';
import { LayoutPlanner, observe, type Foreseen } from './layout-plan.js';
import { layOut, preparePdfmake } from './pdfmake-adapter.js';
import { planFloats } from './floats.js';
import { flowItems } from './flow.js';

export { RendererInternalsError } from './pdfmake-adapter.js';
export type { PdfAttachment } from './archival.js';
import type { PdfAttachment } from './archival.js';

export interface PdfOptions {
  /** Fonts to embed; pass one FontSet to many renders to read the files once. Default: the process-wide set. */
  fonts?: FontSet;
  /** Number printed on the first page (e.g. the article's page in the bulletin issue). Default 1. */
  firstPageNumber?: number;
  /** Files to attach (the file is then PDF/A-3b, each an associated file), e.g. facts.json and the input data. */
  attachments?: PdfAttachment[];
  /** Float figures that would leave a page partly empty after the text that follows them (floats.ts). Default true. */
  floats?: boolean;
}

export interface PdfRenderInfo {
  pages: number;
  /** Layout passes run: 1 without footnotes or figures; else a planning pass, then as many as the footnotes need (usually 1). */
  passes: number;
  /** Figure boxes (a figure, or two side by side) standing after text the template put after them. */
  floated: number;
  /** Page (1-based, physical) of each footnote's mark. */
  footnotePages: Record<string, number>;
  /** Figures drawn smaller than their size so as to fit where they stand (figure number → scale). */
  figureScales: Record<number, number>;
  /** Milliseconds spent. */
  ms: number;
}

export interface PdfRender {
  bytes: Uint8Array;
  info: PdfRenderInfo;
  /** The model as laid out: figures carry the scale the planner set them to (what the DOCX follows). */
  model: DocumentModel;
}

/** Renders the model to PDF bytes, with details of the layout and the model as laid out. */
export async function renderPdfWithInfo(given: DocumentModel, opts: PdfOptions = {}): Promise<PdfRender> {
  let model = given;
  const t0 = performance.now();
  preparePdfmake(opts.fonts ?? defaultFontSet());
  const figureBlocks = model.blocks.filter((b) => b.type === 'figure');
  // Figures that carry a scale were sized by an earlier layout: kept as they are.
  const fit = figureBlocks.every((b) => b.scale === undefined);
  const float = opts.floats !== false;
  const placing = figureBlocks.length > 0 && (float || fit);
  // marks in reading order decide the order of notes on a page
  const planner = new LayoutPlanner(
    model.footnotes.map((f) => f.id),
    model.footnotes.length > 0 || placing,
    placing,
  );
  const st: BuildState = {
    footnotes: new Map(model.footnotes.map((f) => [f.id, f])),
    pass: planner.first(),
    figures: new Map(),
    firstPageNumber: opts.firstPageNumber ?? 1,
    header: model.header,
    attachments: opts.attachments ?? [],
    headingCount: 0,
    openHeadings: [],
  };

  // Figures: compiled now, compressed on the thread pool while the first (planning) pass lays out.
  const set = new FigureSet();
  for (const b of figureBlocks) if (!st.figures.has(b)) st.figures.set(b, set.add(b.svg).figure);
  set.seal();
  if (!st.pass.measure) await set.ready();

  let moved = 0;
  for (;;) {
    const { dd, hook } = buildDefinition(model, st);
    const { output, pages } = await layOut(dd, hook);
    await set.ready();
    const seen = observe(pages);
    let foreseen: Foreseen | undefined;
    if (st.pass.measure && placing) {
      // Where the figures stand and at what size, planned from this pass (floats.ts); the next pass lays that out.
      const plan = planFloats(
        model,
        flowItems(model, pages, (b) => b.scale),
        {
          float,
          fit,
          marks: seen.markPages,
          reserveFor: (marks) => planner.reserveFor(marks, seen.noteHeights),
        },
      );
      ({ model, moved } = plan);
      foreseen = { markPages: plan.marks, scales: plan.scales, breaks: plan.breaks };
    }
    const next = planner.next(seen, foreseen);
    if (next) {
      st.pass = next;
      continue;
    }
    const buf = await output.getBuffer();
    const scales = planner.scales;
    return {
      bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
      info: {
        pages: pages.length,
        passes: planner.passes,
        floated: moved,
        footnotePages: Object.fromEntries(seen.markPages),
        figureScales: Object.fromEntries(scales),
        ms: performance.now() - t0,
      },
      model: withFigureScales(model, scales),
    };
  }
}

/** Renders the model to PDF bytes (A4, bulletin page furniture, embedded subset fonts). */
export async function renderPdf(model: DocumentModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  return (await renderPdfWithInfo(model, opts)).bytes;
}
