/**
 * Every hook this project has into the internals of pdfmake, PDFKit and
 * fontkit, in one place, behind one version check.
 *
 * pdfmake's public API has no footnotes, no way to draw precompiled PDF
 * content, and parses each font anew for every document. The renderer needs
 * all three, so it reaches into the libraries here, and only here:
 *  - DocumentContext.initializePage: a page of one of our documents can get a
 *    larger bottom margin (room for its footnotes), see PageHook;
 *  - DocMeasure.measureSVG / Renderer.renderSVG: figure nodes that carry a
 *    compiled SVG (svg-pdf/) are measured from the program and drawn as one
 *    Form XObject instead of through svg-to-pdfkit;
 *  - Renderer.renderPages: a planning pass of ours draws nothing;
 *  - PDFKit's EmbeddedFont.layoutCached: runs of those fonts are shaped once
 *    per process, not once per document, see shareShapedRuns;
 *  - PDFKit's page.xobjects: where a drawn Form XObject is named.
 * Not hooked: fontkit.create. Each PDFKit document still parses the four fonts
 * anew; a hook that shared the parsed fonts never took (fontkit 2.0 exports
 * create as a non-configurable getter) and was removed; sharing them needs
 * another seam (e.g. PDFDocument.prototype.font), see issue #17.
 * The hooks act only on documents built by this renderer (marked through the
 * section's footer function), so other users of pdfmake are untouched.
 *
 * They were written against the versions in SUPPORTED. Any other version
 * stops the render with a Chinese message (exit 1, a bug to fix here, not a
 * user error), before a hook could silently misbehave.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import pdfmake from 'pdfmake';
import type { FontSet } from '../../fonts.js';
import { LibraryVersionError } from '../library-error.js';
import { drawSvgFigure, type FormCanvas, type SvgFigure } from '../svg-pdf/index.js';

const require = createRequire(import.meta.url);

/** The library versions whose internals the hooks below were written for (major.minor; patch releases of these lines). */
export const SUPPORTED = { pdfmake: '0.3', pdfkit: '0.19', fontkit: '2.0' } as const;

/** A library's internals are not what the renderer was written for: a bug of this tool, not of the input. */
export class RendererInternalsError extends LibraryVersionError {
  constructor(detail: string) {
    super(
      `PDF 渲染器与所装的库版本不符：${detail}。` +
        `src/render/pdf/pdfmake-adapter.ts 只适用于 pdfmake ${SUPPORTED.pdfmake}.x、pdfkit ${SUPPORTED.pdfkit}.x、fontkit ${SUPPORTED.fontkit}.x；` +
        `请按 package-lock.json 重新安装（npm ci），或在升级后检查并更新该文件中的挂钩。`,
    );
    this.name = 'RendererInternalsError';
  }
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The directory of a package as a given module resolves it (the instance that module really uses). */
function packageDir(name: string, from: string): string {
  const entry = createRequire(from).resolve(name);
  let dir = dirname(entry);
  while (!dir.endsWith(`node_modules/${name}`) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

let versionsChecked = false;

/** Throws RendererInternalsError unless pdfmake, its PDFKit and that PDFKit's fontkit are of the SUPPORTED lines. */
export function checkVersions(): void {
  if (versionsChecked) return;
  const pdfmakeDir = packageDir('pdfmake', import.meta.url);
  const pdfkitDir = packageDir('pdfkit', join(pdfmakeDir, 'package.json'));
  const fontkitDir = packageDir('fontkit', join(pdfkitDir, 'package.json'));
  const found = { pdfmake: packageVersion(pdfmakeDir), pdfkit: packageVersion(pdfkitDir), fontkit: packageVersion(fontkitDir) };
  const wrong = (Object.keys(SUPPORTED) as (keyof typeof SUPPORTED)[]).filter((k) => !found[k].startsWith(`${SUPPORTED[k]}.`));
  if (wrong.length > 0) throw new RendererInternalsError(wrong.map((k) => `${k} 为 ${found[k]}`).join('，'));
  versionsChecked = true;
}

// ---------------------------------------------------------------------------
// Laid-out pages, as pdfmake's layout leaves them (read by the planner)

export interface PdfmakeInline {
  text: string;
  height?: number;
  /** Our tags on inlines (copied by pdfmake from the definition's text nodes). */
  fnMark?: string;
  fnMeasure?: string;
  fnNote?: string;
  figPart?: number;
  [BLOCK_INDEX]?: number;
  [TABLE_PART]?: number | 'caption' | 'note';
  [TABLE_COLUMN]?: number;
  [KEPT_LINE]?: boolean;
}
export interface PdfmakeLine {
  inlines: PdfmakeInline[];
  getHeight(): number;
}
/** A laid-out item: a line of text, an image or svg node, a vector. */
export interface LaidOutItem {
  type: string;
  item: {
    x?: number;
    y?: number;
    _height?: number;
    getHeight?: () => number;
    y1?: number;
    y2?: number;
    h?: number;
    inlines?: PdfmakeInline[];
    [FIGURE_NUMBER]?: number;
  };
}
export interface PdfmakePage {
  items: LaidOutItem[];
}

/** Lines of text carry the index of their block in the model under this key. */
export const BLOCK_INDEX = 'blk';
/** Lines of a table carry its part (its caption, a row by number, its note) and the column of their cell. */
export const TABLE_PART = 'tblPart';
export const TABLE_COLUMN = 'tblCol';
/** Lines of headings and table captions (kept with what follows them) carry this key. */
export const KEPT_LINE = 'kept';
/** A figure's image node carries its number under this key (a string key: pdfmake copies nodes with for…in). */
export const FIGURE_NUMBER = '_shuangchuangFigureNumber';
/**
 * A figure node carries its compiled SVG under this key (see installSvgHooks).
 * A string key, not a symbol: pdfmake copies laid-out nodes of unbreakable
 * blocks with for…in, which skips symbols.
 */
export const SVG_FIGURE = '_shuangchuangSvgFigure';

// ---------------------------------------------------------------------------
// Fonts

const registered = new WeakMap<FontSet, string>();
let registeredCount = 0;

/** Shaped runs kept per font: about this many of the latest, at most twice as many (two generations). */
const SHAPED_RUNS_PER_GENERATION = 20_000;

/**
 * Shaped runs of one font, in two generations: a run is looked up in the
 * current one, then in the previous one (and moved forward); when the current
 * one is full it becomes the previous one and the oldest is dropped. A cheap
 * bounded approximation of least-recently-used, so a long workbench session
 * keeps what it still lays out and no more.
 */
class ShapedRuns {
  private current = new Map<string, unknown>();
  private previous = new Map<string, unknown>();
  get(text: string): unknown {
    const run = this.current.get(text);
    if (run !== undefined) return run;
    const old = this.previous.get(text);
    if (old !== undefined) this.set(text, old);
    return old;
  }
  set(text: string, run: unknown): void {
    if (this.current.size >= SHAPED_RUNS_PER_GENERATION) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(text, run);
  }
  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** The runs shaped with each font file registered here, keyed by its bytes (what fontkit parses). */
const shapedRuns = new WeakMap<Uint8Array, ShapedRuns>();

/** What PDFKit reads of a run's glyphs: the id (subset), the advance (widths), the code points (ToUnicode). */
interface GlyphLike {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface RunLike {
  glyphs: GlyphLike[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface EmbeddedFontLike {
  font: { stream?: { buffer?: unknown } };
  layoutCache?: Record<string, unknown>;
  layoutRun(text: string, features?: unknown): RunLike;
  layoutCached(text: string): RunLike;
}
let shapingShared = false;

/**
 * PDFKit shapes text (fontkit's layout: cmap, GSUB, GPOS, then scaled to 1000
 * units) for measuring and for drawing, and caches the runs per word in each
 * document's EmbeddedFont. Every layout pass is a new document, so every pass
 * and every build shaped each run again. For the font files registered here
 * the runs are kept per file, for the process: a run depends only on the file
 * and the text (layoutCached is PDFKit's path without OpenType features, the
 * scale is the file's units per em), and PDFKit only reads runs (word spacing
 * copies the position it changes). A run is kept as plain data (glyph id,
 * advance, code points: all PDFKit reads of a glyph), so it holds no parsed
 * font alive. The per-document side effects stay: encode() still walks every
 * glyph of a run, adding it to that document's subset, widths and ToUnicode
 * map, so a document embeds every glyph it draws (test/render/shaping-cache).
 * Measured (test/render/sample-model.ts, renders in one process, 2 shared
 * cores, interleaved with main): shaping took 50–90 ms of each warm render of
 * 206–418 ms (1249 runs) and now none (0 runs; warm render 165–287 ms); the
 * first render shapes 625 runs instead of 1249 (72–143 ms, was 125–211 ms).
 * A fresh `scindex report` shapes 1339 runs and reuses 16505; its CPU time
 * (3.3–3.9 s either way, 7 interleaved runs) moved less than the machine's
 * noise. Kept: ≤ 40 000 runs a file (the sample report has ~1 300 in all).
 */
function shareShapedRuns(bytes: Uint8Array): void {
  if (shapingShared) return;
  const PDFDocument = require(require.resolve('pdfkit')) as new (options: Record<string, unknown>) => { font(src: Uint8Array): unknown; _font?: unknown };
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.font(bytes);
  const proto = probe._font ? (Object.getPrototypeOf(probe._font) as Partial<EmbeddedFontLike>) : undefined;
  if (!proto || typeof proto.layoutCached !== 'function' || typeof proto.layoutRun !== 'function') {
    throw new RendererInternalsError('找不到 PDFKit 的 EmbeddedFont.layoutCached（共享字形排布需要它）');
  }
  const original = proto.layoutCached;
  proto.layoutCached = function (this: EmbeddedFontLike, text: string) {
    const file = this.font.stream?.buffer;
    const runs = this.layoutCache && file instanceof Uint8Array ? shapedRuns.get(file) : undefined;
    if (!runs) return original.call(this, text);
    let run = runs.get(text) as RunLike | undefined;
    if (run === undefined) {
      const shaped = this.layoutRun(text);
      const glyphs = shaped.glyphs.map((g) => ({ id: g.id, advanceWidth: g.advanceWidth, codePoints: g.codePoints }));
      run = { glyphs, positions: shaped.positions, advanceWidth: shaped.advanceWidth };
      runs.set(text, run);
    }
    return run;
  };
  shapingShared = true;
}

/** How many shaped runs are kept for a font file registered here (for tests: the cache is bounded and used). */
export function shapedRunCount(bytes: Uint8Array): number {
  return shapedRuns.get(bytes)?.size ?? 0;
}

type FontTable = Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;

/** Puts the font bytes into pdfmake's virtual file system once per FontSet; returns the pdfmake font table. */
function pdfmakeFonts(set: FontSet): FontTable {
  let prefix = registered.get(set);
  if (!prefix) {
    prefix = `fontset${++registeredCount}`;
    const vfs = pdfmake.virtualfs;
    vfs.writeFileSync(`${prefix}/serif-regular.ttf`, set.serif.regular.bytes);
    vfs.writeFileSync(`${prefix}/serif-bold.ttf`, set.serif.bold.bytes);
    vfs.writeFileSync(`${prefix}/sans-regular.ttf`, set.sans.regular.bytes);
    vfs.writeFileSync(`${prefix}/sans-bold.ttf`, set.sans.bold.bytes);
    for (const face of [set.serif.regular, set.serif.bold, set.sans.regular, set.sans.bold]) {
      if (!shapedRuns.has(face.bytes)) shapedRuns.set(face.bytes, new ShapedRuns());
    }
    registered.set(set, prefix);
  }
  // CJK fonts have no italics: italic falls back to the upright faces.
  const family = (role: 'serif' | 'sans') => ({
    normal: `${prefix}/${role}-regular.ttf`,
    bold: `${prefix}/${role}-bold.ttf`,
    italics: `${prefix}/${role}-regular.ttf`,
    bolditalics: `${prefix}/${role}-bold.ttf`,
  });
  return { Serif: family('serif'), Sans: family('sans') };
}

// ---------------------------------------------------------------------------
// The page hook (footnote space)

export type Margins = { left: number; top: number; right: number; bottom: number };

/** Per-render state reached from inside pdfmake's layout through the section's footer function. */
export interface PageHook {
  base: Margins;
  /** Extra bottom space (pt) per physical page number. */
  reserve: Map<number, number>;
  /** Pages of the latest layout (pdfmake re-lays out when a page break is inserted). */
  pages?: PdfmakePage[];
  /** A planning pass: only the layout is needed, the pages are not drawn (see installSvgHooks). */
  layoutOnly?: boolean;
  /** Called with the PDFKit document once its pages are drawn, before it ends (attachments, metadata). */
  finish?: (doc: FinishingDocument) => void;
}

/** What a render may add to a drawn document before it ends: PDFKit's public attachment and XMP calls. */
export interface FinishingDocument {
  file(data: Buffer, options: { name: string; type: string; description: string; relationship: string; creationDate: Date; modifiedDate: Date }): unknown;
  appendXML(xml: string): void;
}

const HOOK = Symbol.for('shuangchuang-report.pdf.pageHook');
export type FooterFn = ((page: number, pageCount: number) => unknown) & { [HOOK]?: PageHook };

/** Marks a section's footer function as ours, carrying the render's page hook. */
export function attachPageHook(footer: FooterFn, hook: PageHook): void {
  footer[HOOK] = hook;
}

interface DocumentContextLike {
  page: number;
  pages: PdfmakePage[];
  pageMargins: Margins;
  getCurrentPage?: () => (PdfmakePage & { pageMargins: Margins; customProperties?: Record<string, unknown> }) | null;
}

type Proto<T> = { default?: { prototype: T } };

let hookInstalled = false;

/**
 * Wraps pdfmake's DocumentContext.initializePage so a page of one of our
 * documents can have a larger bottom margin (room for its footnotes). The page
 * margins pdfmake keeps per page then also size the footer area, where the
 * notes are drawn. Pages of other documents are left as they are.
 */
function installPageHook(): void {
  if (hookInstalled) return;
  // Same module instance as the one pdfmake's entry point loaded (CommonJS cache).
  const proto = (require('pdfmake/js/DocumentContext.js') as Proto<{ initializePage?: (this: DocumentContextLike) => void }>).default?.prototype;
  if (!proto || typeof proto.initializePage !== 'function') throw new RendererInternalsError('找不到 DocumentContext.initializePage（脚注排版需要它）');
  const original = proto.initializePage;
  proto.initializePage = function (this: DocumentContextLike) {
    const page = this.getCurrentPage?.();
    const footer = page?.customProperties?.footer as FooterFn | undefined;
    const hook = typeof footer === 'function' ? footer[HOOK] : undefined;
    if (hook && page) {
      hook.pages = this.pages;
      const extra = hook.reserve.get(this.page + 1) ?? 0;
      const margins = extra > 0 ? { ...hook.base, bottom: hook.base.bottom + extra } : hook.base;
      this.pageMargins = margins;
      page.pageMargins = margins;
    }
    original.call(this);
  };
  hookInstalled = true;
}

// ---------------------------------------------------------------------------
// Figures: measured from the compiled program, drawn as one form

type FigureSvgNode = Record<string, unknown> & { [SVG_FIGURE]?: SvgFigure; _width: number; _height: number; x: number; y: number };

interface DocMeasureLike {
  measureImageWithDimensions(node: FigureSvgNode, dimensions: { width: number; height: number }): void;
  styleStack: { getProperty(name: string): unknown };
}
/** The part of a PDFKit document the form drawer uses (public methods, and the page's XObject names). */
interface PdfKitDocLike {
  save(): unknown;
  restore(): unknown;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
  addContent(data: string): unknown;
  ref(data: Record<string, unknown>): { write(chunk: Uint8Array | string): unknown; end(): unknown };
  page: { xobjects: Record<string, unknown> };
}
interface RendererLike {
  pdfDocument: PdfKitDocLike & FinishingDocument;
}

/** A PDFKit document seen as a canvas for forms; one per document, so the drawer can key its bookkeeping by it. */
const canvases = new WeakMap<PdfKitDocLike, FormCanvas>();
function formCanvas(doc: PdfKitDocLike): FormCanvas {
  let c = canvases.get(doc);
  if (!c) {
    c = {
      save: () => void doc.save(),
      restore: () => void doc.restore(),
      transform: (a, b, cc, d, e, f) => void doc.transform(a, b, cc, d, e, f),
      addContent: (data) => void doc.addContent(data),
      ref: (data) => doc.ref(data),
      useXObject: (name, ref) => void (doc.page.xobjects[name] = ref),
    };
    canvases.set(doc, c);
  }
  return c;
}

let svgHooksInstalled = false;

/**
 * Two narrow hooks for figure nodes that carry a compiled SVG; every other
 * svg node goes through pdfmake as before:
 *  - DocMeasure.measureSVG: the size comes from the compiled program, so the
 *    SVG text is not parsed with xmldoc and re-serialised (pdfmake does both
 *    only to read and rewrite the root's width/height);
 *  - Renderer.renderSVG: the compiled content is written in one piece instead
 *    of being drawn element by element by svg-to-pdfkit.
 * And one for the planning pass of our documents (PageHook.layoutOnly):
 * Renderer.renderPages draws nothing, since only the layout of that pass is
 * read and its document is never finished.
 */
function installSvgHooks(): void {
  if (svgHooksInstalled) return;
  type MeasureProto = { measureSVG?: (this: DocMeasureLike, node: FigureSvgNode) => FigureSvgNode; measureImageWithDimensions?: unknown };
  type RendererProto = { renderSVG?: (this: RendererLike, node: FigureSvgNode) => void; renderPages?: (this: RendererLike, pages: PdfmakePage[]) => void };
  const measure = (require('pdfmake/js/DocMeasure.js') as Proto<MeasureProto>).default?.prototype;
  const renderer = (require('pdfmake/js/Renderer.js') as Proto<RendererProto>).default?.prototype;
  if (!measure || typeof measure.measureSVG !== 'function' || typeof measure.measureImageWithDimensions !== 'function') {
    throw new RendererInternalsError('找不到 DocMeasure.measureSVG（绘制图需要它）');
  }
  if (!renderer || typeof renderer.renderSVG !== 'function' || typeof renderer.renderPages !== 'function') {
    throw new RendererInternalsError('找不到 Renderer.renderSVG/renderPages（绘制图需要它们）');
  }
  const originalMeasure = measure.measureSVG;
  measure.measureSVG = function (this: DocMeasureLike, node: FigureSvgNode) {
    const figure = node[SVG_FIGURE];
    if (!figure) return originalMeasure.call(this, node);
    this.measureImageWithDimensions(node, { width: figure.program.width, height: figure.program.height });
    node.font = this.styleStack.getProperty('font');
    return node;
  };
  const originalPages = renderer.renderPages;
  renderer.renderPages = function (this: RendererLike, pages: PdfmakePage[]) {
    const footer = (pages[0] as { customProperties?: Record<string, unknown> } | undefined)?.customProperties?.footer as FooterFn | undefined;
    const hook = typeof footer === 'function' ? footer[HOOK] : undefined;
    if (hook?.layoutOnly) return;
    originalPages.call(this, pages);
    hook?.finish?.(this.pdfDocument);
  };
  const originalRender = renderer.renderSVG;
  renderer.renderSVG = function (this: RendererLike, node: FigureSvgNode) {
    const figure = node[SVG_FIGURE];
    if (!figure) return originalRender.call(this, node);
    drawSvgFigure(formCanvas(this.pdfDocument), figure, node.x, node.y, node._width, node._height);
  };
  svgHooksInstalled = true;
}

// ---------------------------------------------------------------------------
// Entry points

/** Checks the versions, installs the hooks (once per process) and sets pdfmake up for one render. */
export function preparePdfmake(fonts: FontSet): void {
  checkVersions();
  installPageHook();
  installSvgHooks();
  pdfmake.setFonts(pdfmakeFonts(fonts));
  shareShapedRuns(fonts.serif.regular.bytes);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false); // fonts come from the virtual file system, SVG inline
}

export type PdfmakeOutput = ReturnType<typeof pdfmake.createPdf>;

/** Lays out (and, unless it is a planning pass, draws) a definition; returns the output and the laid-out pages. */
export async function layOut(dd: Record<string, unknown>, hook: PageHook): Promise<{ output: PdfmakeOutput; pages: PdfmakePage[] }> {
  const output = pdfmake.createPdf(dd);
  await output.getStream(); // layout + drawing done; fonts are embedded when the stream ends
  if (!hook.pages) throw new RendererInternalsError('版面挂钩没有运行（DocumentContext.initializePage 未被调用）');
  return { output, pages: hook.pages };
}
