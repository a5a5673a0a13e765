/**
 * Report markup → document model blocks and footnotes.
 *
 * The report template (Handlebars) renders to this light markup; editors change
 * the report's structure by editing the template. The syntax is documented in
 * templates/MARKUP.md. In short:
 *
 *   ::: title / ::: byline / ::: lead / ::: note   … text …   :::
 *   ::: figure <id>  :::     ::: table <id>  :::     ::: pagebreak  :::
 *   # 一、…   ## （一）…   ### 1. …
 *   paragraphs separated by blank lines; **bold**, ^superscript^, [^id] footnote mark
 *   [^id]: footnote text
 *   > 注：… (a note line)
 *
 * Every problem found is reported at once (InputError), each naming the source
 * and the line.
 */
import { InputError, type InputProblem } from '../errors.js';
import type { Block, DocumentModel, Footnote, Inline } from '../model/types.js';

export interface FigureAsset {
  caption: string;
  svg: string;
  png: Uint8Array;
  widthPt: number;
  heightPt: number;
  note?: string;
  /** The figure's content as text (caption and data), for search and screen readers. */
  alt?: string;
  /** Stands beside the next figure, both at half width (see the model's figure block). */
  besideNext?: boolean;
}

export interface TableAsset {
  caption: string;
  header: string[][];
  rows: string[][];
  align?: ('left' | 'center' | 'right')[];
  widths?: number[];
  note?: string;
}

/** Figures and tables the markup may place, by id. */
export interface MarkupAssets {
  figures: ReadonlyMap<string, FigureAsset>;
  tables: ReadonlyMap<string, TableAsset>;
}

export type MarkupResult = Pick<DocumentModel, 'blocks' | 'footnotes'>;

export interface MarkupOptions {
  /**
   * Maps a line of the text given to the line to report (e.g. the template
   * line it came from). Default: the line itself.
   */
  lineMap?: (line: number) => number;
}

/** Directives with text inside, and the block each makes. */
const TEXT_DIRECTIVES = ['title', 'byline', 'lead', 'note'] as const;
/** Directives that place something and have no text inside. */
const EMPTY_DIRECTIVES = ['figure', 'table', 'pagebreak'] as const;
const DIRECTIVES: readonly string[] = [...TEXT_DIRECTIVES, ...EMPTY_DIRECTIVES];

/** Footnote marks ①…⑳, ㉑…㊿ (Unicode has no circled numbers past 50), in order of first reference. */
export function circledMark(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

const FENCE = /^:::\s*(?:([^\s:][^\s]*)(?:\s+(.*?))?)?\s*$/;
/** One-line form: ::: figure map-total :::  /  ::: title 标题 ::: */
const ONE_LINE = /^:::\s*([^\s:][^\s]*)(?:\s+(.*?))?\s+:::$/;
const HEADING = /^(#{1,6})\s+(.*)$/;
const FOOTNOTE_DEF = /^\[\^([^\]\s]+)\]:\s*(.*)$/;
const NOTE_LINE = /^>\s?(.*)$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

interface PendingRef {
  id: string;
  line: number;
}

/** Joins the lines of one paragraph: no space between CJK characters, one space between Latin words. */
function joinLines(lines: string[]): string {
  let out = '';
  for (const raw of lines) {
    const l = raw.trim();
    if (!l) continue;
    if (out && /[A-Za-z0-9,.;:!?)%]$/.test(out) && /^[A-Za-z0-9(]/.test(l)) out += ' ';
    out += l;
  }
  return out;
}

export function parseMarkup(text: string, sourceName: string, assets: MarkupAssets, opts: MarkupOptions = {}): MarkupResult {
  const mapLine = opts.lineMap ?? ((n: number) => n);
  const problems: InputProblem[] = [];
  const problem = (line: number, message: string, hint?: string) =>
    problems.push({ file: sourceName, line: mapLine(line), message, ...(hint ? { hint } : {}) });

  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const refs: PendingRef[] = [];
  const defs = new Map<string, { line: number; text: string }>();
  const figureNumbers = new Map<string, number>();
  const tableNumbers = new Map<string, number>();

  /** Inline markup: **bold**, ^sup^, [^id], backslash escapes. */
  const inlines = (s: string, line: number): Inline[] => {
    const out: Inline[] = [];
    let buf = '';
    let bold = false;
    let sup = false;
    const flush = () => {
      if (!buf) return;
      const t: Inline = { type: 'text', text: buf };
      if (bold) t.bold = true;
      if (sup) t.superscript = true;
      const prev = out[out.length - 1];
      if (prev && prev.type === 'text' && !!prev.bold === bold && !!prev.superscript === sup) prev.text += buf;
      else out.push(t);
      buf = '';
    };
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && i + 1 < s.length && /[\\*^[\]:]/.test(s[i + 1])) {
        buf += s[++i];
      } else if (c === '*' && s[i + 1] === '*') {
        flush();
        bold = !bold;
        i++;
      } else if (c === '[' && s[i + 1] === '^') {
        const end = s.indexOf(']', i);
        const id = end > 0 ? s.slice(i + 2, end) : '';
        if (end < 0 || !ID.test(id)) {
          problem(line, `malformed footnote reference near "${s.slice(i, i + 12)}"`, 'write a footnote mark as [^name], e.g. [^group]');
          buf += c;
          continue;
        }
        flush();
        out.push({ type: 'footnoteRef', id });
        refs.push({ id, line });
        i = end;
      } else if (c === '^') {
        flush();
        sup = !sup;
      } else {
        buf += c;
      }
    }
    flush();
    if (bold) problem(line, 'unclosed ** (bold)', 'close bold text with ** or escape a literal asterisk as \\*');
    if (sup) problem(line, 'unclosed ^ (superscript)', 'close superscript with ^ or escape a literal caret as \\^');
    return out;
  };

  let i = 0;
  while (i < lines.length) {
    const lineNo = i + 1;
    const line = lines[i];
    const trimmed = line.trim();

    if (!trimmed) {
      i++;
      continue;
    }

    // ::: directive … :::   (or on one line: ::: directive … :::)
    const oneLine = ONE_LINE.exec(trimmed);
    const fence = oneLine ?? FENCE.exec(trimmed);
    if (fence) {
      const name = fence[1];
      let arg = (fence[2] ?? '').trim();
      if (!name) {
        problem(lineNo, 'closing ::: without an opening directive', 'remove it, or open a block with ::: title / byline / lead / note / figure <id> / table <id>');
        i++;
        continue;
      }
      let body: string[];
      let bodyLine: number;
      if (oneLine) {
        // For text directives the text is on the line itself.
        const isText = (TEXT_DIRECTIVES as readonly string[]).includes(name);
        body = isText ? [arg] : [];
        if (isText) arg = '';
        bodyLine = lineNo;
        i++;
      } else {
        // Find the closing fence.
        let j = i + 1;
        while (j < lines.length && !FENCE.test(lines[j].trim()) && !ONE_LINE.test(lines[j].trim())) j++;
        const closed = j < lines.length && FENCE.exec(lines[j].trim())?.[1] === undefined && !ONE_LINE.test(lines[j].trim());
        if (!closed) {
          problem(
            lineNo,
            j < lines.length ? `::: ${name} is not closed before the next directive (line ${mapLine(j + 1)})` : `::: ${name} is not closed`,
            'end the block with a line holding only :::',
          );
          i = j < lines.length ? j : lines.length; // resume at the next directive
          continue;
        }
        body = lines.slice(i + 1, j);
        bodyLine = lineNo + 1;
        i = j + 1;
      }

      if (!DIRECTIVES.includes(name)) {
        problem(lineNo, `unknown directive "::: ${name}"`, `known directives: ${DIRECTIVES.join(', ')}`);
        continue;
      }
      if ((EMPTY_DIRECTIVES as readonly string[]).includes(name)) {
        const extra = body.findIndex((l) => l.trim() !== '');
        if (extra >= 0) problem(bodyLine + extra, `::: ${name} takes no text inside`, 'captions and notes come with the figure or table data');
      }
      if (name === 'figure' || name === 'table') {
        if (!arg || !ID.test(arg)) {
          problem(lineNo, `::: ${name} needs an id, e.g. "::: ${name} ${name === 'figure' ? 'map-total' : 'appendix'}"`);
          continue;
        }
        if (name === 'figure') {
          const f = assets.figures.get(arg);
          if (!f) {
            problem(lineNo, `unknown figure "${arg}"`, `known figures: ${[...assets.figures.keys()].join(', ') || '(none)'}`);
            continue;
          }
          if (figureNumbers.has(arg)) {
            problem(lineNo, `figure "${arg}" is placed twice`, 'a figure is printed once; refer to it in the text as 图N');
            continue;
          }
          const number = figureNumbers.size + 1;
          figureNumbers.set(arg, number);
          blocks.push({ type: 'figure', id: arg, number, caption: f.caption, svg: f.svg, png: f.png, widthPt: f.widthPt, heightPt: f.heightPt, ...(f.note ? { note: f.note } : {}), ...(f.alt ? { alt: f.alt } : {}), ...(f.besideNext ? { besideNext: true } : {}) });
        } else {
          const t = assets.tables.get(arg);
          if (!t) {
            problem(lineNo, `unknown table "${arg}"`, `known tables: ${[...assets.tables.keys()].join(', ') || '(none)'}`);
            continue;
          }
          if (tableNumbers.has(arg)) {
            problem(lineNo, `table "${arg}" is placed twice`);
            continue;
          }
          const number = tableNumbers.size + 1;
          tableNumbers.set(arg, number);
          blocks.push({
            type: 'table', id: arg, number, caption: t.caption, header: t.header, rows: t.rows,
            ...(t.align ? { align: t.align } : {}), ...(t.widths ? { widths: t.widths } : {}), ...(t.note ? { note: t.note } : {}),
          });
        }
        continue;
      }
      if (name === 'pagebreak') {
        if (arg) problem(lineNo, '::: pagebreak takes no argument');
        blocks.push({ type: 'pageBreak' });
        continue;
      }
      // title, byline, lead, note: one paragraph of text
      if (arg) problem(lineNo, `::: ${name} takes no argument ("${arg}")`, 'put the text on the lines between ::: and :::');
      const nonEmpty = body.map((l, k) => ({ l, k })).filter(({ l }) => l.trim() !== '');
      if (nonEmpty.length === 0) {
        problem(lineNo, `::: ${name} is empty`);
        continue;
      }
      const blank = body.findIndex((l, k) => l.trim() === '' && k > nonEmpty[0].k && k < nonEmpty[nonEmpty.length - 1].k);
      if (blank >= 0) problem(bodyLine + blank, `::: ${name} holds one paragraph; remove the blank line`);
      const content = inlines(joinLines(body), bodyLine + nonEmpty[0].k);
      blocks.push({ type: name as (typeof TEXT_DIRECTIVES)[number], content });
      continue;
    }

    // # heading
    const h = HEADING.exec(trimmed);
    if (h) {
      const level = h[1].length;
      if (level > 3) problem(lineNo, `heading level ${level} ("${h[1]}") is not used in the report`, 'use # (一、), ## （一）, ### 1.');
      else if (!h[2].trim()) problem(lineNo, 'empty heading');
      else blocks.push({ type: 'heading', level: level as 1 | 2 | 3, content: inlines(h[2].trim(), lineNo) });
      i++;
      continue;
    }

    // [^id]: footnote definition (runs to the next blank line)
    const def = FOOTNOTE_DEF.exec(trimmed);
    if (def) {
      const [, id, first] = def;
      const body = [first];
      let j = i + 1;
      while (j < lines.length && lines[j].trim() !== '' && !startsBlock(lines[j].trim())) body.push(lines[j++]);
      if (!ID.test(id)) problem(lineNo, `bad footnote name "${id}"`, 'use letters, digits, - _ .');
      else if (defs.has(id)) problem(lineNo, `footnote [^${id}] is defined twice (first on line ${mapLine(defs.get(id)!.line)})`);
      else if (!joinLines(body)) problem(lineNo, `footnote [^${id}] is empty`);
      else defs.set(id, { line: lineNo, text: joinLines(body) });
      i = j;
      continue;
    }

    // > note lines
    if (NOTE_LINE.test(trimmed)) {
      const body: string[] = [];
      let j = i;
      while (j < lines.length && NOTE_LINE.test(lines[j].trim())) body.push(NOTE_LINE.exec(lines[j++].trim())![1]);
      blocks.push({ type: 'note', content: inlines(joinLines(body), lineNo) });
      i = j;
      continue;
    }

    // paragraph: up to the next blank line or block start
    const body = [line];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '' && !startsBlock(lines[j].trim())) body.push(lines[j++]);
    blocks.push({ type: 'paragraph', content: inlines(joinLines(body), lineNo) });
    i = j;
  }

  // Footnotes: marks ①②… in order of first reference.
  const footnotes: Footnote[] = [];
  const byId = new Map<string, Footnote>();
  for (const r of refs) {
    if (byId.has(r.id)) continue;
    const d = defs.get(r.id);
    if (!d) {
      problem(r.line, `footnote mark [^${r.id}] has no definition`, `add a line "[^${r.id}]: …" with the note's text`);
      continue;
    }
    const fn: Footnote = { id: r.id, mark: circledMark(footnotes.length + 1), content: [] };
    byId.set(r.id, fn);
    footnotes.push(fn);
  }
  for (const [id, d] of defs) {
    const fn = byId.get(id);
    if (!fn) {
      problem(d.line, `footnote [^${id}] is defined but never marked in the text`, `put [^${id}] where the mark ① should be printed, or remove the definition`);
      continue;
    }
    const content = inlines(d.text, d.line);
    if (content.some((c) => c.type === 'footnoteRef')) problem(d.line, `footnote [^${id}] contains a footnote mark; notes cannot have notes`);
    fn.content = content.filter((c) => c.type === 'text');
  }

  if (problems.length > 0) throw new InputError(problems);
  return { blocks, footnotes };
}

function startsBlock(trimmed: string): boolean {
  return FENCE.test(trimmed) || ONE_LINE.test(trimmed) || HEADING.test(trimmed) || FOOTNOTE_DEF.test(trimmed) || NOTE_LINE.test(trimmed);
}
