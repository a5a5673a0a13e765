/**
 * The DOCX's named styles: one Word paragraph style per kind of block, sized
 * and spaced as the PDF sets it (render/common.ts), and the unit conversions.
 */
import { AlignmentType, BorderStyle, LineRuleType, type IParagraphStyleOptions } from 'docx';
import { LEADING, SIZE } from '../common.js';

/** Points → twentieths of a point (twips). */
export const tw = (pt: number): number => Math.round(pt * 20);
/** Points → half-points (w:sz). */
export const hp = (pt: number): number => Math.round(pt * 2);
/** Points → pixels at 96 dpi (docx image sizes). */
export const px = (pt: number): number => Math.round((pt * 96) / 72);

/** A font role as Word names it: the East Asian font and the Latin (and digits) font set with it. */
export interface FontPair {
  eastAsia: string;
  latin: string;
}

/** The body (宋体 role) and heading (黑体 role) fonts. */
export interface Fonts {
  serif: FontPair;
  sans: FontPair;
}

/**
 * Fonts every Chinese Windows and WPS machine has, so the file looks the same
 * everywhere without embedding fonts: 宋体 / 黑体 for Chinese, Times New Roman /
 * Arial for Latin letters and digits (the pairs Chinese offices set).
 */
export const DEFAULT_FONTS: Fonts = {
  serif: { eastAsia: '宋体', latin: 'Times New Roman' },
  sans: { eastAsia: '黑体', latin: 'Arial' },
};

export const runFont = (f: FontPair) => ({ ascii: f.latin, hAnsi: f.latin, eastAsia: f.eastAsia, cs: f.latin });

/** Line pitch for a style: at least `pitch` × size, so images and superscripts still get room. */
const lineAtLeast = (size: number, pitch: number) => ({ line: tw(size * pitch), lineRule: LineRuleType.AT_LEAST });

/** Normal, and the styles of the article's opening: Title, Byline, Lead. */
function openingStyles(f: Fonts): IParagraphStyleOptions[] {
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
  ];
}

/** Heading1–3 with outline levels. */
function headingStyles(f: Fonts): IParagraphStyleOptions[] {
  return ([1, 2, 3] as const).map(
    (level): IParagraphStyleOptions => ({
      id: `Heading${level}`,
      name: `heading ${level}`,
      basedOn: 'Normal',
      next: 'BodyText',
      quickFormat: true,
      run: level === 1 ? { font: runFont(f.sans), size: hp(SIZE.h1), bold: true } : level === 2 ? { font: runFont(f.sans), size: hp(SIZE.h2), bold: false } : { font: runFont(f.serif), size: hp(SIZE.h3), bold: true },
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
  );
}

/** Body text, figures and captions, notes. */
function textStyles(f: Fonts): IParagraphStyleOptions[] {
  const body = { alignment: AlignmentType.JUSTIFIED, spacing: { ...lineAtLeast(SIZE.body, LEADING.body), before: 0, after: 0 } };
  return [
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
  ];
}

/** Table text, footnotes, running header and footer. */
function furnitureStyles(f: Fonts): IParagraphStyleOptions[] {
  return [
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

export function paragraphStyles(f: Fonts): IParagraphStyleOptions[] {
  return [...openingStyles(f), ...headingStyles(f), ...textStyles(f), ...furnitureStyles(f)];
}
