/**
 * DOCX renderer: DocumentModel → docx 9 declarative objects → bytes.
 *
 * Word-native structure: named paragraph styles (Title, Byline, Lead,
 * Heading1–3 with outline levels, BodyText, Caption, Note, TableText,
 * FootnoteText), real footnotes numbered ①②③ by the section's footnote number
 * format, running header (bulletin left, column label right, rule under it),
 * PAGE field in the footer, SVG figures with PNG fallback, tables whose header
 * rows repeat (tblHeader) and whose rows do not split.
 *
 * Fonts: runs name "Noto Serif SC" (body) and "Noto Sans SC" (headings) for
 * ascii, hAnsi and eastAsia. The font table declares 宋体 / 黑体 as their
 * alternative names with the GB2312 charset, so Word on a machine without the
 * Noto fonts substitutes SimSun / SimHei rather than a Latin font. Other names
 * can be set with `fontNames` (e.g. { serif: '宋体', sans: '黑体' }).
 * The fonts are not embedded: docx can embed only whole files (≈ 50 MB for the
 * four faces) and there is no subsetter here that keeps the cmap and name
 * tables Word needs.
 *
 * Deterministic: docx stamps dcterms:created/modified with the clock; they are
 * replaced by meta.date, and the package is zipped here (zip.ts) with fixed
 * entry dates, order and compression.
 *
 * Speed: the package parts are taken from docx's compiler before docx zips
 * them, edited as text and zipped once, with native zlib, PNGs stored (they are
 * compressed already). docx names media by a SHA-1 of the data, computed in
 * JavaScript; for rendering, figures are given to docx as short stand-ins (a
 * native SHA-1 of the real data) and the real bytes are put back in the
 * compiled package (`buildDocx` itself still gives docx the real data).
 */
import { Document, DocumentGridType, Footer, Header, NumberFormat, PageNumber, Paragraph, Tab, TabStopType, type Table, TextRun } from 'docx';
import type { DocumentModel } from '../../model/types.js';
import { LEADING, MARGIN, MARK_COLOR, MARK_TRACKING, PAGE, SIZE, TEXT_WIDTH } from '../common.js';
import { DEFAULT_FONTS, hp, paragraphStyles, runFont, tw, type FontPair, type Fonts } from './styles.js';
import { blockChildren, figurePair, footnoteParagraphs, type Ctx } from './blocks.js';
import { MediaStandIns, compileParts, packPackage } from './package.js';

export interface DocxOptions {
  /**
   * Fonts named in the document (not embedded). Default DEFAULT_FONTS: 宋体 +
   * Times New Roman for the body, 黑体 + Arial for headings; the bulletin's
   * settings (templates/report/bulletin.yaml, wordFonts) can name others.
   */
  fonts?: { serif?: Partial<FontPair>; sans?: Partial<FontPair> };
}

export interface DocxRenderInfo {
  ms: number;
  /** Package parts, in ZIP order. */
  parts: string[];
}

/** Bulletin left, the mark (if any) centred in light grey, column label right. */
function headerRuns(h: DocumentModel['header']): TextRun[] {
  return [new TextRun(h.bulletin), ...(h.mark ? [new TextRun({ children: [new Tab(), h.mark], color: MARK_COLOR.slice(1), characterSpacing: tw(MARK_TRACKING) })] : []), new TextRun({ children: [new Tab(), h.column] })];
}

function fontsOf(opts: DocxOptions): Fonts {
  return {
    serif: { ...DEFAULT_FONTS.serif, ...opts.fonts?.serif },
    sans: { ...DEFAULT_FONTS.sans, ...opts.fonts?.sans },
  };
}

/** Builds the docx Document (exposed for tests that inspect the object tree). */
export function buildDocx(model: DocumentModel, opts: DocxOptions = {}): Document {
  return buildDocument(model, opts);
}

function buildDocument(model: DocumentModel, opts: DocxOptions, media?: MediaStandIns): Document {
  const fonts = fontsOf(opts);
  const ctx: Ctx = { fonts, noteNumbers: new Map(model.footnotes.map((f, i) => [f.id, i + 1])), figureCount: 0, figureNumbers: new Set(model.blocks.flatMap((b) => (b.type === 'figure' ? [b.number] : []))), media };
  const pageBreakNext = { on: false };
  const children: (Paragraph | Table)[] = [];
  for (let i = 0; i < model.blocks.length; i++) {
    const b = model.blocks[i];
    const next = model.blocks[i + 1];
    if (b.type === 'figure' && b.besideNext && next?.type === 'figure') {
      children.push(figurePair(b, next, ctx));
      i++;
    } else children.push(...blockChildren(b, ctx, pageBreakNext));
  }
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  model.footnotes.forEach((fn, i) => {
    footnotes[String(i + 1)] = { children: footnoteParagraphs(fn, ctx) };
  });

  return new Document({
    title: model.meta.title,
    subject: model.meta.subject,
    creator: model.meta.author,
    lastModifiedBy: model.meta.author,
    keywords: (model.meta.keywords ?? []).join(', '),
    revision: 1,
    customProperties: model.meta.properties ?? [],
    styles: {
      default: {
        document: {
          run: { font: runFont(fonts.serif), size: hp(SIZE.body), language: { value: model.meta.lang, eastAsia: model.meta.lang } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: paragraphStyles(fonts),
    },
    footnotes,
    sections: [
      {
        properties: {
          page: {
            size: { width: tw(PAGE.width), height: tw(PAGE.height) },
            margin: {
              top: tw(MARGIN.top),
              bottom: tw(MARGIN.bottom),
              left: tw(MARGIN.left),
              right: tw(MARGIN.right),
              header: tw(MARGIN.header),
              footer: tw(MARGIN.footer),
            },
          },
          // The grid's line pitch is the body's (10.5 pt × 1.6), as in the PDF; lines keep their styles' pitch (snapToGrid off).
          grid: { type: DocumentGridType.LINES, linePitch: tw(SIZE.body * LEADING.body) },
          footnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL_ENCLOSED_CIRCLE_CHINESE } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                style: 'Header',
                tabStops: [
                  { type: TabStopType.CENTER, position: tw(TEXT_WIDTH / 2) },
                  { type: TabStopType.RIGHT, position: tw(TEXT_WIDTH) },
                ],
                children: headerRuns(model.header),
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ style: 'Footer', children: [new TextRun({ children: [PageNumber.CURRENT] })] })],
          }),
        },
        children,
      },
    ],
  });
}

/** Renders the model to DOCX bytes, with details. */
export async function renderDocxWithInfo(model: DocumentModel, opts: DocxOptions = {}): Promise<{ bytes: Uint8Array; info: DocxRenderInfo }> {
  const t0 = performance.now();
  const fonts = fontsOf(opts);
  const media = new MediaStandIns();
  const doc = buildDocument(model, opts, media);
  const { bytes, parts } = await packPackage(compileParts(doc), model, fonts, media);
  return { bytes, info: { ms: performance.now() - t0, parts } };
}

/** Renders the model to DOCX bytes (A4, bulletin header, PAGE field, real footnotes, styles with outline levels). */
export async function renderDocx(model: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array> {
  return (await renderDocxWithInfo(model, opts)).bytes;
}
