/**
 * The model's blocks as docx paragraphs and tables: runs with footnote
 * references, figures (SVG with PNG fallback) with their captions, 三线表
 * tables whose header rows repeat.
 */
import { AlignmentType, BorderStyle, FootnoteReferenceRun, ImageRun, SimpleField, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import type { Block, Footnote, Inline } from '../../model/types.js';
import { HALF_WIDTH, PAIR_GAP, SIZE, TEXT_WIDTH, figureLabel, figureSize } from '../common.js';
import { hp, px, tw, type Fonts } from './styles.js';
import type { MediaStandIns } from './package.js';

export interface Ctx {
  fonts: Fonts;
  /** Model footnote id → Word footnote number (1-based, in model order). */
  noteNumbers: Map<string, number>;
  figureCount: number;
  /** Numbers of the model's figures: the text's 图N naming one of them becomes a cross-reference field. */
  figureNumbers: Set<number>;
  /** When set, figures get stand-in data (see MediaStandIns) instead of their bytes. */
  media?: MediaStandIns;
}

function runs(content: Inline[], ctx: Ctx): (TextRun | FootnoteReferenceRun | SimpleField)[] {
  return content.flatMap((i) => {
    if (i.type === 'footnoteRef') {
      const n = ctx.noteNumbers.get(i.id);
      if (n === undefined) throw new Error(`footnote reference to an undefined footnote: ${i.id}`);
      return [new FootnoteReferenceRun(n)];
    }
    const o: IRunOptions = { bold: i.bold, italics: i.italic, superScript: i.superscript };
    return withFigureReferences(i.text, ctx).map((part) => (typeof part === 'string' ? new TextRun({ ...o, text: part }) : new SimpleField(`REF ${captionBookmark('图', part.number)} \\h`, figureLabel(part.number))));
  });
}

/** Text split around every 图N that names a figure of the document. */
function withFigureReferences(text: string, ctx: Ctx): (string | { number: number })[] {
  const out: (string | { number: number })[] = [];
  let at = 0;
  for (const m of text.matchAll(/图(\d+)/g)) {
    const n = Number(m[1]);
    if (!ctx.figureNumbers.has(n)) continue;
    if (m.index > at) out.push(text.slice(at, m.index));
    out.push({ number: n });
    at = m.index + m[0].length;
  }
  if (at < text.length || out.length === 0) out.push(text.slice(at));
  return out;
}

/** The bookmark around a caption's label (图3), which cross-references point to (set in part-edits.ts). */
export function captionBookmark(kind: '图' | '表', n: number): string {
  return `_Ref_${kind === '图' ? 'fig' : 'tab'}${n}`;
}

/** 图N / 表N as Word caption fields: the number is a SEQ field (Word can list figures and refer to them), its value written. */
function captionLabel(kind: '图' | '表', n: number): (TextRun | SimpleField)[] {
  return [new TextRun({ text: kind, bold: true }), new SimpleField(`SEQ ${kind} \\* ARABIC`, String(n))];
}

/**
 * Figures in Word are set at 97 % of the size the PDF's layout gave them. Word and
 * LibreOffice put a taller line box around an inline picture and its caption than
 * pdfmake does, and with the reader's fallback fonts the captions grow too; at the PDF's
 * own size a map and a pair of charts that share a PDF page (699 of 706 pt) part in
 * Word, and the sample's Word file ran to 11 pages against the PDF's 9. Measured with
 * LibreOffice 7.4 (no Noto fonts, 宋体/黑体 not installed) on the sample 2018Q3:
 * 100 % and 99 % → 11 pages, 98 % → 9, 97 % → 9 (kept, a point of margin; 2018Q2,
 * 2018Q4 9 and 2017Q1 10, as the PDF). The price: the half-width charts' 6 pt labels
 * print at 5.8 pt in Word.
 */
const WORD_FIGURE_SHARE = 0.97;

function figureParagraphs(b: Extract<Block, { type: 'figure' }>, ctx: Ctx, room = TEXT_WIDTH): Paragraph[] {
  const size = figureSize(b, (b.scale ?? 1) * WORD_FIGURE_SHARE, room);
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
          altText: { id: String(id), name: `${figureLabel(b.number)}`, title: label, description: b.alt ?? label },
        }),
      ],
    }),
    new Paragraph({
      style: 'Caption',
      keepNext: b.note !== undefined,
      children: [...captionLabel('图', b.number), new TextRun({ text: ` ${b.caption}` })],
    }),
  ];
  if (b.note) out.push(new Paragraph({ style: 'FigureNote', text: b.note }));
  return out;
}

/** Two figures side by side: a table of two columns without rules, each half the text width. */
export function figurePair(left: Extract<Block, { type: 'figure' }>, right: Extract<Block, { type: 'figure' }>, ctx: Ctx): Table {
  const cellWidth = tw(TEXT_WIDTH / 2);
  const cell = (children: Paragraph[]) => new TableCell({ width: { size: cellWidth, type: WidthType.DXA }, borders: { top: NONE, bottom: NONE, left: NONE, right: NONE }, children });
  // Images in one row, captions (and notes) in the next, so the captions stand on one line; the Figure style keeps the rows together.
  const [l, r] = [figureParagraphs(left, ctx, HALF_WIDTH), figureParagraphs(right, ctx, HALF_WIDTH)];
  return new Table({
    rows: [new TableRow({ cantSplit: true, children: [cell(l.slice(0, 1)), cell(r.slice(0, 1))] }), new TableRow({ cantSplit: true, children: [cell(l.slice(1)), cell(r.slice(1))] })],
    width: { size: 2 * cellWidth, type: WidthType.DXA },
    columnWidths: [cellWidth, cellWidth],
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    margins: { left: tw(PAIR_GAP / 2), right: tw(PAIR_GAP / 2), top: 0, bottom: 0 },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE, insideVertical: NONE, insideHorizontal: NONE },
  });
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
  const align = (i: number) => ({ left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT })[b.align?.[i] ?? 'center'];
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
      children: [...captionLabel('表', b.number), new TextRun({ text: ` ${b.caption}` })],
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

export function blockChildren(b: Block, ctx: Ctx, pageBreakNext: { on: boolean }): (Paragraph | Table)[] {
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

export function footnoteParagraphs(fn: Footnote, ctx: Ctx): Paragraph[] {
  // docx puts the footnote's own reference mark (①, from the number format) before the first run.
  return [
    new Paragraph({
      style: 'FootnoteText',
      children: [
        new TextRun(' '),
        ...runs(
          fn.content.filter((i) => i.type === 'text'),
          ctx,
        ),
      ],
    }),
  ];
}
