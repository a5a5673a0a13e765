/**
 * The figures of one document as Form XObjects: which shared outlines become
 * forms of their own, every figure's content built and deflated on the thread
 * pool ahead of drawing, and the drawing of a figure into a page (through a
 * FormCanvas, which the pdfmake adapter makes of a PDFKit document).
 */
import { deflate } from 'node:zlib';
import { Bytes } from './operator-writer.js';
import { SharedPaths, type OpacityPart, type SharedPath, type SvgProgram } from './compile.js';
import { compileCached } from './program-cache.js';
import { aspectMatrix, fm, isIdentity } from './values.js';

/** A PDF object reference being written (the few members used). */
export interface PdfRefLike {
  write(chunk: Uint8Array | string): unknown;
  end(): unknown;
}

/** What drawing a form needs of a PDF document: one object per document (bookkeeping is keyed by it). */
export interface FormCanvas {
  save(): void;
  restore(): void;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  /** Content operators; a newline is appended. */
  addContent(data: string): void;
  ref(data: Record<string, unknown>): PdfRefLike;
  /** Names an XObject in the current page's resources. */
  useXObject(name: string, ref: PdfRefLike): void;
}

/**
 * A shared outline becomes a Form XObject only from this size (bytes of operators):
 * every form costs pdf.js (the fact check's text extraction) a stream fetch, an
 * inflate and a nested parse on every page it is on, and many small forms cost
 * more than the bytes they save. Measured on the sample (labels as outlines in
 * font units, see figures/text-outlines.ts): from 3 000 bytes, 97 forms (every
 * label used in two figures), a 0.95 MB PDF and 390 ms of extraction; from
 * 12 000 bytes, 14 forms (the district outlines of the maps), 1.28 MB and 215 ms.
 */
const FORM_MIN_BYTES = 12000;

/** A figure ready to draw: its content as one Form XObject, deflated once for all passes. */
export interface SvgFigure {
  readonly program: SvgProgram;
  /** Form content (viewBox coordinates), deflated; set by FigureSet.ready(). */
  deflated?: Uint8Array;
  /** Shared outline forms and ExtGStates the content names. */
  readonly xobjects: Map<string, SharedForm>;
  readonly gstates: Map<string, OpacityPart>;
}

interface SharedForm {
  path: SharedPath;
  deflated?: Uint8Array;
}

/**
 * The figures of one document. `add` compiles each SVG (outlines shared
 * between figures are formatted once); `seal` decides which outlines become
 * shared forms, builds every figure's content and starts compressing it on
 * the thread pool, so that it runs while the layout is made; `ready` waits
 * for it. Names (SP…, GsS…) are given in figure order: deterministic.
 */
export class FigureSet {
  private shared = new SharedPaths();
  private figures: SvgFigure[] = [];
  private forms = new Map<SharedPath, { name: string; form: SharedForm }>();
  private gsNames = new Map<string, { name: string; part: OpacityPart }>();
  private pending: Promise<void>[] = [];
  private sealed = false;
  /**
   * zlib level 4: on the figures' operators about a third of the time of level 6
   * (the default PDFKit uses) for 4 % more bytes (measured on the sample's 7.3 MB of
   * operators: 67 ms → 1.79 MB, level 6: 214 ms → 1.72 MB); it then fits in the
   * planning pass's time on the second core.
   */
  constructor(private level = 4) {}

  /** Compiles an SVG (or takes it compiled before, see program-cache.ts); null when the lean drawer does not handle it (draw it with svg-to-pdfkit). */
  add(svg: string): { figure: SvgFigure } | { figure: null; reason: string } {
    if (this.sealed) throw new Error('FigureSet: add() after seal()');
    const r = compileCached(svg, this.shared);
    if (!r.ok) return { figure: null, reason: r.reason };
    const figure: SvgFigure = { program: r.program, xobjects: new Map(), gstates: new Map() };
    this.figures.push(figure);
    return { figure };
  }

  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const out = new Bytes();
    for (const f of this.figures) {
      const gs = (o: OpacityPart) => {
        const key = `${o.ca}_${o.CA}`;
        let entry = this.gsNames.get(key);
        if (!entry) {
          entry = { name: `GsS${this.gsNames.size + 1}`, part: o };
          this.gsNames.set(key, entry);
        }
        f.gstates.set(entry.name, entry.part);
        out.ascii(`/${entry.name} gs\n`);
      };
      // A figure starts from full opacity whatever the page's state is.
      gs({ ca: 1, CA: 1 });
      for (const part of f.program.parts) {
        if (part instanceof Uint8Array) out.bytes(part);
        else if ('content' in part) {
          if (part.uses < 2 || part.content.length < FORM_MIN_BYTES) out.bytes(part.content);
          else {
            let entry = this.forms.get(part);
            if (!entry) {
              const form: SharedForm = { path: part };
              entry = { name: `SP${this.forms.size + 1}`, form };
              this.forms.set(part, entry);
              this.pending.push(deflateAsync(part.content, this.level).then((d) => void (form.deflated = d)));
            }
            f.xobjects.set(entry.name, entry.form);
            out.ascii(`/${entry.name} Do\n`);
          }
        } else gs(part);
      }
      const content = out.take();
      this.pending.push(deflateAsync(content, this.level).then((d) => void (f.deflated = d)));
    }
    // Awaited in ready(); until then a failure must not count as unhandled.
    for (const p of this.pending) p.catch(() => {});
  }

  async ready(): Promise<void> {
    this.seal();
    await Promise.all(this.pending);
  }
}

const deflateAsync = (data: Uint8Array, level: number) => new Promise<Uint8Array>((resolve, reject) => deflate(data, { level }, (e, r) => (e ? reject(e) : resolve(r))));

/** Objects already written into a document, per figure set member. */
const written = new WeakMap<object, Map<object, PdfRefLike>>();

function once(doc: FormCanvas, key: object, make: () => PdfRefLike): PdfRefLike {
  let m = written.get(doc);
  if (!m) {
    m = new Map();
    written.set(doc, m);
  }
  let ref = m.get(key);
  if (!ref) {
    ref = make();
    m.set(key, ref);
  }
  return ref;
}

/** A stream object with data deflated already. */
function deflatedStream(doc: FormCanvas, dict: Record<string, unknown>, data: Uint8Array): PdfRefLike {
  const ref = doc.ref({ ...dict, Filter: 'FlateDecode' });
  ref.write(data);
  ref.end();
  return ref;
}

const figureNames = new WeakMap<object, Map<SvgFigure, string>>();

/**
 * Draws a figure with its top-left corner at (x, y), scaled to width × height
 * (pdfmake's coordinates: PDFKit has already flipped the y axis). The figure's
 * form is written into the document on first use.
 */
export function drawSvgFigure(doc: FormCanvas, f: SvgFigure, x: number, y: number, width: number, height: number): void {
  const p = f.program;
  if (p.parts.length === 0) return; // nothing painted
  if (!f.deflated) throw new Error('drawSvgFigure: the figure set is not ready (await FigureSet.ready())');
  const form = once(doc, f, () => {
    const XObject: Record<string, PdfRefLike> = {};
    for (const [name, sf] of f.xobjects) {
      XObject[name] = once(doc, sf, () => deflatedStream(doc, { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: sf.path.bbox.map((v) => Math.round(v * 100) / 100), Resources: {} }, sf.deflated!));
    }
    const ExtGState: Record<string, PdfRefLike> = {};
    for (const [name, o] of f.gstates) {
      ExtGState[name] = once(doc, o, () => {
        const ref = doc.ref({ Type: 'ExtGState', ...(o.ca !== null ? { ca: o.ca } : {}), ...(o.CA !== null ? { CA: o.CA } : {}) });
        ref.end();
        return ref;
      });
    }
    const vb = p.viewBox;
    // The form clips to the viewBox, as the outer svg does (overflow hidden); otherwise far enough.
    const bbox = p.clip ? [vb[0], vb[1], vb[0] + vb[2], vb[1] + vb[3]] : [-1e5, -1e5, 1e5, 1e5];
    const resources: Record<string, unknown> = {};
    if (Object.keys(XObject).length) resources.XObject = XObject;
    if (Object.keys(ExtGState).length) resources.ExtGState = ExtGState;
    return deflatedStream(doc, { Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: bbox, Resources: resources }, f.deflated!);
  });
  let names = figureNames.get(doc);
  if (!names) {
    names = new Map();
    figureNames.set(doc, names);
  }
  let name = names.get(f);
  if (!name) {
    name = `Fig${names.size + 1}`;
    names.set(f, name);
  }
  doc.useXObject(name, form);
  doc.save();
  doc.transform(1, 0, 0, 1, x, y);
  if (p.clip) doc.addContent(`0 0 ${fm(width)} ${fm(height)} re W n`);
  const m = aspectMatrix(p.preserveAspectRatio, width, height, p.viewBox);
  if (!isIdentity(m)) doc.addContent(`${m.map(fm).join(' ')} cm`);
  doc.addContent(`/${name} Do`);
  doc.restore();
}
