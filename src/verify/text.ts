/**
 * Turning final text (the narrative, or text extracted from the PDF or DOCX) into
 * headings and sentences: whitespace is removed (PDF extraction of CJK inserts
 * spaces and line breaks between characters), running headers, page numbers,
 * captions and footnotes are skipped, and the rest is split at 。；！？.
 */

import { splitSentences } from '../narrative/sentences.js';

export type Unit = { kind: 'heading'; text: string; raw: string } | { kind: 'sentence'; text: string; raw: string } | { kind: 'caption'; text: string; raw: string; n: number } | { kind: 'note'; text: string; raw: string };

const CN_NUM = '一二三四五六七八九十';
/** 一、…… or （一）…… on a line of its own, without sentence punctuation. */
const HEADING_LINE = new RegExp(`^(?:[${CN_NUM}]+、|（[${CN_NUM}]+）)[^。；，：！？]{1,40}$`);
/** A heading run into the text that follows it (no line break survived). */
export const HEADING_PREFIX = new RegExp(`^(?:[${CN_NUM}]+、|（[${CN_NUM}]+）)`);

/** Lines that are not running text: captions, running headers, page numbers, footnotes, sources. */
const SKIP_LINES: RegExp[] = [
  /^表\d+/, // 表1 …… (table captions; the table's cells are the appendix's)
  /^科技参考/, // running header 科技参考·2018年第6期
  /第\d+期$/, // any running header ending in an issue number
  /^·[^·]{1,12}·$/, // column label ·本期特稿·
  /^[-—–－]?\d{1,3}[-—–－]?$/, // page numbers: 3, —3— (a longer or decimal number on its own line is kept)
  /^第\d{1,3}页$/,
  /^\d{1,3}\/\d{1,3}$/,
  /^（来源[:：]/, // source lines
];

/** Lines a note may wrap onto: the appendix's note of clipped values for 16 indicators takes 5 at the PDF's measure. */
const MAX_NOTE_LINES = 12;

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

/** Splits text into headings, sentences, captions (图N …) and notes (footnotes, 注 lines). */
export function segment(text: string): Unit[] {
  const units: Unit[] = [];
  let buffer = '';
  let note: { text: string; raw: string; lines: number } | null = null;
  const endNote = () => {
    if (note) for (const s of splitSentences(note.text, note.raw)) units.push({ kind: 'note', text: s.text, raw: s.raw });
    note = null;
  };
  const flush = () => {
    for (const s of splitSentences(normaliseChars(buffer), buffer)) units.push({ kind: 'sentence', text: s.text, raw: s.raw });
    buffer = '';
  };
  for (const rawLine of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    // 图3 38个区县……: the figure's number ends at the space, which is removed below.
    const caption = /^\s*图\s*([0-9０-９]+)[\s\u3000]+(\S.*)$/.exec(rawLine);
    const raw = rawLine.replace(/\s+/g, '').replace(/^#+/, '');
    const line = normaliseChars(raw);
    if (!line) continue;
    if (caption) {
      // A figure may stand in the middle of a paragraph (a float at the top of a page): the text goes on after it.
      const body = caption[2].replace(/\s+/g, '');
      units.push({ kind: 'caption', text: normaliseChars(body), raw: body, n: Number(normaliseChars(caption[1])) });
      continue;
    }
    if (/^[①-⑳]|^注[:：]/.test(line)) {
      note = { text: line.replace(/^[①-⑳]|^注[:：]/, ''), raw: raw.replace(/^[①-⑳]|^注[:：]/, ''), lines: 1 };
      if (/[。！？]$/.test(line)) endNote();
      continue;
    }
    // A note wraps onto the next lines until its sentence ends: the appendix's note lists every
    // value clipped at a goalpost and may run to many lines (a page's running header or number
    // inside it is skipped). A heading ends it; so does a bound, lest a note without its full
    // stop swallow the text after it (that text is then checked as running text).
    if (note && isSkippedLine(line)) continue;
    if (note && !HEADING_LINE.test(line)) {
      note.text += line;
      note.raw += raw;
      if (/[。！？]$/.test(line) || ++note.lines >= MAX_NOTE_LINES) endNote();
      continue;
    }
    endNote();
    if (isSkippedLine(line)) continue;
    if (HEADING_LINE.test(line)) {
      flush();
      units.push({ kind: 'heading', text: line, raw });
      continue;
    }
    buffer += raw;
  }
  endNote();
  flush();
  return units;
}

export { splitSentences } from '../narrative/sentences.js';
