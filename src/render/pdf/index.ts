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
 *   layout-plan.ts      the planner: footnote space and figure sizes per pass, as data
 *   pdfmake-adapter.ts  every hook into pdfmake / PDFKit / fontkit, behind a version check
 *   styles.ts           paragraph styles and furniture dimensions
 * This module runs the passes the planner asks for and returns the bytes of
 * the last, with the model as laid out (figure sizes decided here), which the
 * DOCX renderer then follows.
 *
 * Output is deterministic: fixed CreationDate/ModDate (from meta.date), and
 * PDFKit derives the file /ID from the info dictionary, so equal models give
 * equal bytes.
 *
 * Speed and memory: figures are not drawn by pdfmake's svg-to-pdfkit but
 * compiled once per render (svg-pdf/) into Form XObjects, deflated on the
 * thread pool while the planning pass lays out; the planning pass only lays
 * out (nothing is drawn); the four CJK fonts are parsed once per process, not
 * once per pass. On the sample report: about 2.8 s before, 0.25 s now (warm
 * process, 2 cores).
 */
import type { DocumentModel } from '../../model/types.js';
import { withFigureScales } from '../../model/layout.js';
import { defaultFontSet, type FontSet } from '../../fonts.js';
import { FigureSet } from '../svg-pdf/index.js';
import { buildDefinition, type BuildState } from './definition.js';
import { LayoutPlanner, observe } from './layout-plan.js';
import { layOut, preparePdfmake } from './pdfmake-adapter.js';
import { floatOnce } from './floats.js';

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
  /** Layout passes run (1 without footnotes), the floating passes included. */
  passes: number;
  /** Figures (or figures standing together) moved after the text that follows them. */
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
  const planner = new LayoutPlanner(
    model.footnotes.map((f) => f.id), // marks in reading order decide the order of notes on a page
    model.footnotes.length > 0,
    figureBlocks.length > 0,
    figureBlocks.every((b) => b.scale === undefined),
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

  let floated = { model, moves: 0, passes: 0 };
  if (opts.floats !== false && figureBlocks.length > 0) floated = await floatFigures(model, st);
  model = floated.model;
  for (;;) {
    const { dd, hook } = buildDefinition(model, st);
    const { output, pages } = await layOut(dd, hook);
    await set.ready();
    const seen = observe(pages);
    const next = planner.next(seen);
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
        passes: planner.passes + floated.passes,
        floated: floated.moves,
        footnotePages: Object.fromEntries(seen.markPages),
        figureScales: Object.fromEntries(scales),
        ms: performance.now() - t0,
      },
      model: withFigureScales(model, scales),
    };
  }
}

/** At most this many figure moves (each one layout pass): a figure moves forward only, so this bounds nothing that would not end. */
const MAX_FLOATS = 24;

/** Lays the model out (planning passes, nothing drawn) and floats figures one at a time until none should move. */
async function floatFigures(model: DocumentModel, st: BuildState): Promise<{ model: DocumentModel; moves: number; passes: number }> {
  const pass = st.pass;
  st.pass = { measure: true, notes: new Map(), reserve: new Map(), scales: new Map() };
  let moves = 0;
  for (; moves < MAX_FLOATS; moves++) {
    const { dd, hook } = buildDefinition(model, st);
    const next = floatOnce(model, (await layOut(dd, hook)).pages);
    if (!next) break;
    model = next;
  }
  st.pass = pass;
  return { model, moves, passes: moves + 1 };
}

/** Renders the model to PDF bytes (A4, bulletin page furniture, embedded subset fonts). */
export async function renderPdf(model: DocumentModel, opts: PdfOptions = {}): Promise<Uint8Array> {
  return (await renderPdfWithInfo(model, opts)).bytes;
}
