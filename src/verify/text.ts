/**
 * Turning final text (the narrative, or text extracted from the PDF or DOCX) into
 * headings and sentences: whitespace is removed (PDF extraction of CJK inserts
 * spaces and line breaks between characters), running headers, page numbers,
 * captions and footnotes are skipped, and the rest is split at 。；！？.
 */

export type Unit = { kind: 'heading'; text: string } | { kind: 'sentence'; text: string };

const CN_NUM = '一二三四五六七八九十';
/** 一、…… or （一）…… on a line of its own, without sentence punctuation. */
const HEADING_LINE = new RegExp(`^(?:[${CN_NUM}]+、|（[${CN_NUM}]+）)[^。；，：！？]{1,40}$`);
/** A heading run into the text that follows it (no line break survived). */
export const HEADING_PREFIX = new RegExp(`^(?:[${CN_NUM}]+、|（[${CN_NUM}]+）)`);

/** Lines that are not running text: captions, running headers, page numbers, footnotes, sources. */
const SKIP_LINES: RegExp[] = [
  /^[图表]\d+/, // 图3 38个区县双创指数, 表1 ……
  /^科技参考/, // running header 科技参考·2018年第6期
  /第\d+期$/, // any running header ending in an issue number
  /^·[^·]{1,12}·$/, // column label ·本期特稿·
  /^[-—–－]?\d{1,3}[-—–－]?$/, // page numbers: 3, —3— (a longer or decimal number on its own line is kept)
  /^第\d{1,3}页$/,
  /^\d{1,3}\/\d{1,3}$/,
  /^[①-⑳]/, // footnotes
  /^（来源[:：]/, // source lines
  /^注[:：]/, // table notes
];

/** Full-width digits and signs → ASCII (the Chinese comma ， stays: it separates clauses, not thousands). */
export function normaliseChars(s: string): string {
  return s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/％/g, '%')
    .replace(/(?<=\d)．(?=\d)/g, '.')
    .replace(/－(?=\d)/g, '-')
    .replace(/−/g, '-');
}

export function isSkippedLine(line: string): boolean {
  return SKIP_LINES.some((re) => re.test(line));
}

/** Splits text into headings and sentences. */
export function segment(text: string): Unit[] {
  const units: Unit[] = [];
  let buffer = '';
  const flush = () => {
    for (const s of splitSentences(buffer)) units.push({ kind: 'sentence', text: s });
    buffer = '';
  };
  for (const raw of normaliseChars(text).split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const line = raw.replace(/\s+/g, '').replace(/^#+/, '');
    if (!line || isSkippedLine(line)) continue;
    if (HEADING_LINE.test(line)) {
      flush();
      units.push({ kind: 'heading', text: line });
      continue;
    }
    buffer += line;
  }
  flush();
  return units;
}

/** Sentences end at 。；！？; a tier sentence (第一类：……) also starts a new one. */
export function splitSentences(s: string): string[] {
  const out: string[] = [];
  const parts = s.split(new RegExp(`(?<=[。；！？])|(?=第[${CN_NUM}]+类：)`));
  for (const p of parts) {
    const t = p.replace(/^[。；！？，、]+/, '');
    if (t) out.push(t);
  }
  return out;
}
