/**
 * Edits of docx's compiled XML parts, for what docx 9 cannot express: fixed
 * dates and the language in the core properties, the font table, document
 * defaults for CJK typesetting, bold caption numbers, and separator footnotes
 * without a mark. Each edit checks that it applied: a docx version that writes
 * the parts differently stops the render (a bug to fix here) rather than
 * shipping a file without the edit.
 */
import type { Fonts } from './styles.js';
import { LibraryVersionError } from '../library-error.js';

export interface EditContext {
  /** ISO date without milliseconds, for dcterms:created/modified. */
  iso: string;
  lang: string;
  fonts: Fonts;
}

/** Replaces `pattern` (which must match) in `xml`. */
function must(xml: string, pattern: RegExp, by: string, what: string): string {
  if (!pattern.test(xml)) throw new LibraryVersionError(`Word 渲染器与所装的 docx 库版本不符：${what}（src/render/docx/part-edits.ts）`);
  return xml.replace(pattern, by);
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Font table data of the fonts Word and WPS know by these names (what Word itself writes for them). */
const KNOWN_FONTS: Record<string, { alt?: string; panose: string; charset: string; family: string; pitch: string }> = {
  宋体: { alt: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  黑体: { alt: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  仿宋: { alt: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  楷体: { alt: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  'Times New Roman': { panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
  Arial: { panose: '020B0604020202020204', charset: '00', family: 'swiss', pitch: 'variable' },
};

/** One font table entry per font named; an unknown East Asian font gets the GB2312 charset, so Word substitutes a Chinese font. */
function fontTableEntries(fonts: Fonts): string {
  const names = new Map<string, boolean>();
  for (const pair of [fonts.serif, fonts.sans]) {
    names.set(pair.eastAsia, true);
    if (!names.has(pair.latin)) names.set(pair.latin, false);
  }
  return [...names]
    .map(([name, eastAsian]) => {
      const k = KNOWN_FONTS[name] ?? { panose: '00000000000000000000', charset: eastAsian ? '86' : '00', family: 'auto', pitch: 'variable' };
      return `<w:font w:name="${escapeXml(name)}">${k.alt ? `<w:altName w:val="${k.alt}"/>` : ''}<w:panose1 w:val="${k.panose}"/>` + `<w:charset w:val="${k.charset}"/><w:family w:val="${k.family}"/><w:pitch w:val="${k.pitch}"/></w:font>`;
    })
    .join('');
}

/**
 * Caption labels (图 + SEQ field): the number bold like the 图/表 before it, and the
 * label inside a bookmark (_Ref_fig3) that the text's cross-reference fields name.
 * Bookmark ids are counted here, per document (docx's own counter is process-wide).
 */
function captionFields(xml: string): string {
  let id = 0;
  return xml.replace(
    /(<w:r>(?:(?!<w:r>).)*?<w:t(?: [^>]*)?>(图|表)<\/w:t><\/w:r>)<w:fldSimple w:instr="(SEQ (?:图|表) [^"]*)"><w:r>(?:<w:rPr><\/w:rPr>)?(<w:t(?: [^>]*)?>(\d+)<\/w:t><\/w:r><\/w:fldSimple>)/g,
    (_m, label: string, kind: string, instr: string, rest: string, n: string) => {
      const name = `_Ref_${kind === '图' ? 'fig' : 'tab'}${n}`;
      id++;
      return `<w:bookmarkStart w:id="${id}" w:name="${name}"/>${label}<w:fldSimple w:instr="${instr}"><w:r><w:rPr><w:b/><w:bCs/></w:rPr>${rest}<w:bookmarkEnd w:id="${id}"/>`;
    },
  );
}

type Edit = (xml: string, ctx: EditContext) => string;

export const PART_EDITS: Record<string, Edit> = {
  'docProps/core.xml': (xml, { iso, lang }) => {
    xml = must(xml, /(<dcterms:created[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`, '找不到 dcterms:created');
    xml = must(xml, /(<dcterms:modified[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`, '找不到 dcterms:modified');
    return must(xml, /(<\/dc:creator>)/, `$1<dc:language>${escapeXml(lang)}</dc:language>`, '找不到 dc:creator');
  },
  'word/fontTable.xml': (xml, { fonts }) => {
    const entries = fontTableEntries(fonts);
    return /<\/w:fonts>\s*$/.test(xml) ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`) : must(xml, /\/>\s*$/, `>${entries}</w:fonts>`, '字体表结构不同');
  },
  // No automatic space between Chinese and Latin letters or digits (the PDF sets none: 2018年第3季度,
  // not 2018 年第 3 季度), and lines not snapped to the document grid (their pitch is set per style).
  'word/styles.xml': (xml) => must(xml, /<w:pPrDefault><w:pPr>/, '<w:pPrDefault><w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/>', '找不到 w:pPrDefault'),
  'word/document.xml': (xml) => captionFields(xml),
  // docx gives the separator footnotes a reference mark too; Word's own files have none there.
  'word/footnotes.xml': (xml) => xml.replace(/(<w:footnote w:type="(?:separator|continuationSeparator)"[^>]*><w:p>(?:<w:pPr>.*?<\/w:pPr>)?)<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteRef\/><\/w:r>/g, '$1'),
};
