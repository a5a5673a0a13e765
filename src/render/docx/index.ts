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
import { Document, Footer, Header, NumberFormat, PageNumber, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import type { DocumentModel } from '../../model/types.js';
import { FONT_FAMILIES } from '../../fonts.js';
import { MARGIN, PAGE, SIZE, TEXT_WIDTH } from '../common.js';
import { hp, paragraphStyles, runFont, tw, type Fonts } from './styles.js';
import { blockChildren, footnoteParagraphs, type Ctx } from './blocks.js';
import { MediaStandIns, compileParts, packPackage } from './package.js';

export interface DocxOptions {
  /**
   * Font names written into the document. Default: the Noto fonts the PDF
   * embeds ("Noto Serif SC", "Noto Sans SC"); an office that standardises on
   * system fonts can pass { serif: '宋体', sans: '黑体' }.
   */
  fontNames?: { serif?: string; sans?: string };
}

export interface DocxRenderInfo {
  ms: number;
  /** Package parts, in ZIP order. */
  parts: string[];
}


/** Builds the docx Document (exposed for tests that inspect the object tree). */
export function buildDocx(model: DocumentModel, opts: DocxOptions = {}): Document {
  return buildDocument(model, opts);
}

function buildDocument(model: DocumentModel, opts: DocxOptions, media?: MediaStandIns): Document {
  const fonts: Fonts = {
    serif: opts.fontNames?.serif ?? FONT_FAMILIES.serif,
    sans: opts.fontNames?.sans ?? FONT_FAMILIES.sans,
  };
  const ctx: Ctx = { fonts, noteNumbers: new Map(model.footnotes.map((f, i) => [f.id, i + 1])), figureCount: 0, media };
  const pageBreakNext = { on: false };
  const children = model.blocks.flatMap((b) => blockChildren(b, ctx, pageBreakNext));
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
    styles: {
      default: {
        document: {
          run: { font: runFont(fonts.serif), size: hp(SIZE.body), language: { value: 'en-US', eastAsia: model.meta.lang } },
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
          footnoteProperties: { numberFormat: { type: NumberFormat.DECIMAL_ENCLOSED_CIRCLE_CHINESE } },
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                style: 'Header',
                tabStops: [{ type: TabStopType.RIGHT, position: tw(TEXT_WIDTH) }],
                children: [new TextRun(model.header.bulletin), new TextRun({ children: [new Tab(), model.header.column] })],
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
  const fonts: Fonts = {
    serif: opts.fontNames?.serif ?? FONT_FAMILIES.serif,
    sans: opts.fontNames?.sans ?? FONT_FAMILIES.sans,
  };
  const media = new MediaStandIns();
  const doc = buildDocument(model, opts, media);
  const { bytes, parts } = await packPackage(compileParts(doc), model, fonts, media);
  return { bytes, info: { ms: performance.now() - t0, parts } };
}

/** Renders the model to DOCX bytes (A4, bulletin header, PAGE field, real footnotes, styles with outline levels). */
export async function renderDocx(model: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array> {
  return (await renderDocxWithInfo(model, opts)).bytes;
}
