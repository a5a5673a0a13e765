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
import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  NumberFormat,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphStyleOptions,
  type IRunOptions,
} from 'docx';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { deflateEntry, isStored, zipEntries } from './zip.js';
import type { Block, DocumentModel, Footnote, Inline } from '../model/types.js';
import { FONT_FAMILIES } from '../fonts.js';
import { LEADING, MARGIN, PAGE, SIZE, TEXT_WIDTH, documentDate, figureLabel, figureSize, tableLabel } from './common.js';

export interface DocxOptions {
  /**
   * Font names written into the document. Default: the Noto fonts the PDF
   * embeds ("Noto Serif SC", "Noto Sans SC"); an office that standardises on
   * system fonts can pass { serif: '宋体', sans: '黑体' }.
   */
  fontNames?: { serif?: string; sans?: string };
  /**
   * Figures to set smaller than their size (figure number → scale): the PDF
   * renderer's decisions (PdfRenderInfo.figureScales), so that Word, whose page
   * is the same size with the same margins, fonts and spacing, breaks its pages
   * where the PDF does instead of leaving the same gap.
   */
  figureScales?: Record<number, number>;
}

export interface DocxRenderInfo {
  ms: number;
  /** Package parts, in ZIP order. */
  parts: string[];
}

/** Points → twentieths of a point (twips). */
const tw = (pt: number): number => Math.round(pt * 20);
/** Points → half-points (w:sz). */
const hp = (pt: number): number => Math.round(pt * 2);
/** Points → pixels at 96 dpi (docx image sizes). */
const px = (pt: number): number => Math.round((pt * 96) / 72);

interface Fonts {
  serif: string;
  sans: string;
}

const runFont = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/** Line pitch for a style: at least `pitch` × size, so images and superscripts still get room. */
const lineAtLeast = (size: number, pitch: number) => ({ line: tw(size * pitch), lineRule: LineRuleType.AT_LEAST });

function paragraphStyles(f: Fonts): IParagraphStyleOptions[] {
  const body = { alignment: AlignmentType.JUSTIFIED, spacing: { ...lineAtLeast(SIZE.body, LEADING.body), before: 0, after: 0 } };
  return [
    {
      id: 'Normal',
      name: 'Normal',
      quickFormat: true,
      run: { font: runFont(f.serif), size: hp(SIZE.body) },
      paragraph: { spacing: { ...lineAtLeast(SIZE.body, LEADING.body), before: 0, after: 0 } },
    },
    {
      id: 'Title',
      name: 'Title',
      basedOn: 'Normal',
      next: 'Byline',
      quickFormat: true,
      run: { font: runFont(f.sans), size: hp(SIZE.title), bold: true },
      paragraph: {
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { ...lineAtLeast(SIZE.title, LEADING.title), before: tw(6), after: tw(6) },
      },
    },
    {
      id: 'Byline',
      name: 'Byline',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: { font: runFont(f.serif), size: hp(SIZE.byline) },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: tw(12) } },
    },
    {
      id: 'Lead',
      name: 'Lead',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: { font: runFont(f.serif), size: hp(SIZE.lead), color: '222222' },
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        indent: { left: tw(2 * SIZE.lead), right: tw(2 * SIZE.lead), firstLine: tw(2 * SIZE.lead), firstLineChars: 200 },
        spacing: { ...lineAtLeast(SIZE.lead, LEADING.lead), before: 0, after: tw(12) },
        border: {
          top: { style: BorderStyle.SINGLE, size: 5, color: '000000', space: 5 },
          bottom: { style: BorderStyle.SINGLE, size: 5, color: '000000', space: 5 },
        },
      },
    },
    ...([1, 2, 3] as const).map(
      (level): IParagraphStyleOptions => ({
        id: `Heading${level}`,
        name: `heading ${level}`,
        basedOn: 'Normal',
        next: 'BodyText',
        quickFormat: true,
        run:
          level === 1
            ? { font: runFont(f.sans), size: hp(SIZE.h1), bold: true }
            : level === 2
              ? { font: runFont(f.sans), size: hp(SIZE.h2), bold: false }
              : { font: runFont(f.serif), size: hp(SIZE.h3), bold: true },
        paragraph: {
          outlineLevel: level - 1,
          keepNext: true,
          keepLines: true,
          indent: level === 1 ? undefined : { firstLine: tw(2 * SIZE.body), firstLineChars: 200 },
          spacing:
            level === 1
              ? { ...lineAtLeast(SIZE.h1, LEADING.heading), before: tw(10), after: tw(4) }
              : level === 2
                ? { ...lineAtLeast(SIZE.h2, LEADING.heading), before: tw(6), after: tw(2) }
                : { ...lineAtLeast(SIZE.h3, LEADING.body), before: tw(2), after: 0 },
        },
      }),
    ),
    {
      id: 'BodyText',
      name: 'Body Text',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: { font: runFont(f.serif), size: hp(SIZE.body) },
      // firstLineChars is what Word reads (two characters of the paragraph's own size);
      // firstLine in twips is what LibreOffice reads.
      paragraph: { ...body, indent: { firstLine: tw(2 * SIZE.body), firstLineChars: 200 } },
    },
    {
      id: 'Figure',
      name: 'Figure',
      basedOn: 'Normal',
      next: 'Caption',
      // Single, automatic spacing: an "at least" or exact pitch would clip the picture.
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true, keepLines: true, spacing: { before: tw(6), after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Caption',
      name: 'caption',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: { font: runFont(f.sans), size: hp(SIZE.caption), bold: false, italics: false, color: '000000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...lineAtLeast(SIZE.caption, LEADING.caption), before: tw(4), after: tw(10) } },
    },
    {
      id: 'FigureNote',
      name: 'Figure Note',
      basedOn: 'Normal',
      next: 'BodyText',
      run: { font: runFont(f.serif), size: hp(SIZE.note - 0.5), color: '333333' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { ...lineAtLeast(SIZE.note - 0.5, LEADING.note), before: 0, after: tw(10) } },
    },
    {
      id: 'Note',
      name: 'Note',
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: { font: runFont(f.serif), size: hp(SIZE.note), color: '222222' },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { ...lineAtLeast(SIZE.note, LEADING.note), before: tw(2), after: tw(4) } },
    },
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { font: runFont(f.serif), size: hp(SIZE.table) },
      paragraph: { spacing: { ...lineAtLeast(SIZE.table, LEADING.table), before: 0, after: 0 } },
    },
    {
      id: 'TableHeading',
      name: 'Table Heading',
      basedOn: 'TableText',
      run: { font: runFont(f.sans), size: hp(SIZE.table), bold: true },
      paragraph: { alignment: AlignmentType.CENTER, keepNext: true },
    },
    {
      id: 'FootnoteText',
      name: 'footnote text',
      basedOn: 'Normal',
      run: { font: runFont(f.serif), size: hp(SIZE.footnote) },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { ...lineAtLeast(SIZE.footnote, LEADING.footnote), before: 0, after: 0 } },
    },
    {
      id: 'Header',
      name: 'header',
      basedOn: 'Normal',
      run: { font: runFont(f.sans), size: hp(SIZE.runningHead), color: '333333' },
      paragraph: {
        spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
        border: { bottom: { style: BorderStyle.SINGLE, size: 5, color: '000000', space: 2 } },
      },
    },
    {
      id: 'Footer',
      name: 'footer',
      basedOn: 'Normal',
      run: { font: runFont(f.sans), size: hp(SIZE.pageNumber) },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
  ];
}

interface Ctx {
  fonts: Fonts;
  /** Model footnote id → Word footnote number (1-based, in model order). */
  noteNumbers: Map<string, number>;
  figureCount: number;
  figureScales: Record<number, number>;
  /** When set, figures get stand-in data (see MediaStandIns) instead of their bytes. */
  media?: MediaStandIns;
}

/**
 * Stand-ins for figure data: a short text naming the real bytes by their
 * SHA-1 (so equal data still gives one media part, as docx does by its own
 * hash), and the real bytes to put back after compiling.
 */
class MediaStandIns {
  /** Real bytes by stand-in text, and their compressed form, started at once (it runs while docx builds the XML). */
  readonly real = new Map<string, { data: Uint8Array; deflated?: Promise<Uint8Array> }>();
  standIn(data: Uint8Array | string, type: 'svg' | 'png'): Buffer {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const key = `shuangchuang-report media ${type} ${createHash('sha1').update(bytes).digest('hex')}`;
    if (!this.real.has(key)) {
      const deflated = isStored(`x.${type}`, bytes) ? undefined : deflateEntry(bytes);
      deflated?.catch(() => {}); // awaited when zipping; not an unhandled rejection meanwhile
      this.real.set(key, { data: bytes, deflated });
    }
    return Buffer.from(key, 'latin1');
  }
}

function runs(content: Inline[], ctx: Ctx): (TextRun | FootnoteReferenceRun)[] {
  return content.map((i) => {
    if (i.type === 'footnoteRef') {
      const n = ctx.noteNumbers.get(i.id);
      if (n === undefined) throw new Error(`footnote reference to an undefined footnote: ${i.id}`);
      return new FootnoteReferenceRun(n);
    }
    const o: IRunOptions = { text: i.text, bold: i.bold, italics: i.italic, superScript: i.superscript };
    return new TextRun(o);
  });
}

function figureParagraphs(b: Extract<Block, { type: 'figure' }>, ctx: Ctx): Paragraph[] {
  const size = figureSize(b, ctx.figureScales[b.number]);
  const width = px(size.width);
  const height = px(size.height);
  const id = ++ctx.figureCount;
  const label = `${figureLabel(b.number)} ${b.caption}`;
  const out = [
    new Paragraph({
      style: 'Figure',
      children: [
        new ImageRun({
          type: 'svg',
          data: ctx.media ? ctx.media.standIn(b.svg, 'svg') : Buffer.from(b.svg, 'utf8'),
          fallback: { type: 'png', data: ctx.media ? ctx.media.standIn(b.png, 'png') : b.png },
          transformation: { width, height },
          // A fixed drawing id: docx would otherwise take the next number of a process-wide counter.
          altText: { id: String(id), name: `${figureLabel(b.number)}`, title: label, description: label },
        }),
      ],
    }),
    new Paragraph({
      style: 'Caption',
      keepNext: b.note !== undefined,
      children: [new TextRun({ text: figureLabel(b.number), bold: true }), new TextRun({ text: ` ${b.caption}` })],
    }),
  ];
  if (b.note) out.push(new Paragraph({ style: 'FigureNote', text: b.note }));
  return out;
}

const RULE = (size: number, color = '000000') => ({ style: BorderStyle.SINGLE, size, color });
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

function tableBlocks(b: Extract<Block, { type: 'table' }>): (Paragraph | Table)[] {
  const cols = Math.max(...b.header.map((r) => r.length), ...b.rows.map((r) => r.length));
  const rel = b.widths && b.widths.length === cols ? b.widths : Array.from({ length: cols }, () => 1);
  const sum = rel.reduce((a, w) => a + w, 0);
  const total = tw(TEXT_WIDTH);
  const widths = rel.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1] += total - widths.reduce((a, w) => a + w, 0);
  const align = (i: number) =>
    ({ left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT })[b.align?.[i] ?? 'center'];
  const nHead = b.header.length;

  const headerRows = b.header.map(
    (row, r) =>
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: Array.from(
          { length: cols },
          (_, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              borders: r === nHead - 1 ? { bottom: RULE(5) } : undefined,
              children: [new Paragraph({ style: 'TableHeading', text: row[i] ?? '' })],
            }),
        ),
      }),
  );
  const bodyRows = b.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: Array.from(
          { length: cols },
          (_, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              children: [new Paragraph({ style: 'TableText', alignment: align(i), text: row[i] ?? '' })],
            }),
        ),
      }),
  );
  const out: (Paragraph | Table)[] = [
    new Paragraph({
      style: 'Caption',
      keepNext: true,
      keepLines: true,
      spacing: { before: tw(8), after: tw(3) },
      children: [new TextRun({ text: tableLabel(b.number), bold: true }), new TextRun({ text: ` ${b.caption}` })],
    }),
    new Table({
      rows: [...headerRows, ...bodyRows],
      width: { size: total, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins: { left: tw(3), right: tw(3), top: tw(1.2), bottom: tw(1.2) },
      // 三线表: heavier rules at top and bottom, a rule under the header, hairlines between rows.
      borders: {
        top: RULE(7),
        bottom: RULE(7),
        left: NONE,
        right: NONE,
        insideVertical: NONE,
        insideHorizontal: RULE(2, '9A9A9A'),
      },
    }),
  ];
  if (b.note) {
    out.push(new Paragraph({ style: 'Note', spacing: { before: tw(1), after: tw(10) }, children: [new TextRun({ text: b.note, size: hp(SIZE.table) })] }));
  } else {
    out.push(new Paragraph({ style: 'Note', spacing: { before: 0, after: tw(6) }, text: '' }));
  }
  return out;
}

function blockChildren(b: Block, ctx: Ctx, pageBreakNext: { on: boolean }): (Paragraph | Table)[] {
  const pb = pageBreakNext.on;
  pageBreakNext.on = false;
  const para = (style: string, content: Inline[]) => new Paragraph({ style, pageBreakBefore: pb || undefined, children: runs(content, ctx) });
  switch (b.type) {
    case 'title':
      return [para('Title', b.content)];
    case 'byline':
      return [para('Byline', b.content)];
    case 'lead':
      return [para('Lead', b.content)];
    case 'heading':
      return [para(`Heading${b.level}`, b.content)];
    case 'paragraph':
      return [para('BodyText', b.content)];
    case 'note':
      return [para('Note', b.content)];
    case 'figure':
      return figureParagraphs(b, ctx);
    case 'table':
      return tableBlocks(b);
    case 'pageBreak':
      pageBreakNext.on = true;
      return [];
  }
}

function footnoteParagraphs(fn: Footnote, ctx: Ctx): Paragraph[] {
  // docx puts the footnote's own reference mark (①, from the number format) before the first run.
  return [new Paragraph({ style: 'FootnoteText', children: [new TextRun(' '), ...runs(fn.content.filter((i) => i.type === 'text'), ctx)] })];
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
  const ctx: Ctx = { fonts, noteNumbers: new Map(model.footnotes.map((f, i) => [f.id, i + 1])), figureCount: 0, figureScales: opts.figureScales ?? {}, media };
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

/** Font table entries that let Word substitute a Chinese system font when the Noto fonts are missing. */
function fontTableEntries(fonts: Fonts): string {
  const entry = (name: string, alt: string, family: 'roman' | 'swiss', panose: string) =>
    `<w:font w:name="${escapeXml(name)}"><w:altName w:val="${alt}"/><w:panose1 w:val="${panose}"/>` +
    `<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  const out: string[] = [];
  if (!/宋|Song/i.test(fonts.serif)) out.push(entry(fonts.serif, '宋体', 'roman', '02020400000000000000'));
  if (!/黑|Hei/i.test(fonts.sans)) out.push(entry(fonts.sans, '黑体', 'swiss', '020B0500000000000000'));
  return out.join('');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Parts = Map<string, string | Uint8Array>;

/**
 * The package's parts by path, in docx's order, not zipped: from docx's
 * compiler (what Packer zips); if a docx version no longer has it, from
 * Packer's zip file, unzipped.
 */
async function compileParts(doc: Document): Promise<Parts> {
  const compiler = (Packer as unknown as { compiler?: { compile?: (file: Document) => unknown } }).compiler;
  if (compiler && typeof compiler.compile === 'function') {
    const parts = compiler.compile(doc);
    if (parts instanceof Map) return parts as Parts;
  }
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  const parts: Parts = new Map();
  for (const [name, entry] of Object.entries(zip.files)) if (!entry.dir) parts.set(name, await entry.async('uint8array'));
  return parts;
}

const text = (data: string | Uint8Array) => (typeof data === 'string' ? data : new TextDecoder().decode(data));

/**
 * Makes the package reproducible and complete: real figure data back in place
 * of the stand-ins, fixed core-property dates, font table entries, separator
 * footnotes without a mark; then zips it with fixed entry dates and order.
 */
async function packPackage(parts: Parts, model: DocumentModel, fonts: Fonts, media?: MediaStandIns): Promise<{ bytes: Uint8Array; parts: string[] }> {
  const date = documentDate(model);
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  // [Content_Types].xml and the package relationships first, as Word writes them; the rest in docx's order.
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => parts.has(n)), ...[...parts.keys()].filter((n) => !first.includes(n) && !n.endsWith('/'))];
  let restored = 0;
  const entries = names.map((name) => {
    let data = parts.get(name)!;
    if (media && name.startsWith('word/media/') && data.length < 200) {
      const real = media.real.get(text(data));
      if (real !== undefined) {
        restored++;
        return { name, data: real.data, deflated: real.deflated };
      }
    }
    if (name === 'docProps/core.xml') {
      data = text(data)
        .replace(/(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`);
    } else if (name === 'word/fontTable.xml') {
      const xml = text(data);
      const entries = fontTableEntries(fonts);
      data = /<\/w:fonts>\s*$/.test(xml) ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`) : xml.replace(/\/>\s*$/, `>${entries}</w:fonts>`);
    } else if (name === 'word/footnotes.xml') {
      // docx gives the separator footnotes a reference mark too; Word's own files have none there.
      data = text(data).replace(
        /(<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*><w:p>(?:<w:pPr>.*?<\/w:pPr>)?)<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/g,
        '$1',
      );
    }
    return { name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data };
  });
  // Every stand-in must have been replaced: a figure must never ship as its stand-in text.
  const standIns = entries.filter((e) => e.name.startsWith('word/media/') && e.data.length < 200 && media?.real.has(text(e.data))).length;
  if (media && (standIns > 0 || restored < media.real.size)) {
    throw new Error('docx internals changed: figure data could not be put back into the package');
  }
  return { bytes: await zipEntries(entries, date), parts: names };
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
  const { bytes, parts } = await packPackage(await compileParts(doc), model, fonts, media);
  return { bytes, info: { ms: performance.now() - t0, parts } };
}

/** Renders the model to DOCX bytes (A4, bulletin header, PAGE field, real footnotes, styles with outline levels). */
export async function renderDocx(model: DocumentModel, opts: DocxOptions = {}): Promise<Uint8Array> {
  return (await renderDocxWithInfo(model, opts)).bytes;
}
