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
  /** 图N: decided for the whole report before anything is drawn (document/figure-numbers.ts), printed as given. */
  number: number;
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

/** A footnote mark, at the line to report (already mapped). */
interface PendingRef {
  id: string;
  line: number;
}

/** A footnote definition: its text, the line it is reported at, and how to map the lines of its segment. */
interface FootnoteDef {
  text: string;
  /** The line in its segment, and the line reported (mapped). */
  rawLine: number;
  line: number;
  mapLine: (line: number) => number;
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

/**
 * The ids of the figures a markup segment places (`::: figure <id> :::` or its fenced
 * form), in order, read with the parser's own directive syntax: for numbering the
 * figures before the document is made (document/figure-numbers.ts).
 */
export function figureIdsPlaced(text: string): string[] {
  const ids: string[] = [];
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = raw.trim();
    const d = ONE_LINE.exec(line) ?? FENCE.exec(line);
    const id = d?.[1] === 'figure' ? (d[2] ?? '').trim() : '';
    if (ID.test(id)) ids.push(id);
  }
  return ids;
}

export function parseMarkup(text: string, sourceName: string, assets: MarkupAssets, opts: MarkupOptions = {}): MarkupResult {
  const doc = new MarkupDocument(sourceName, assets);
  doc.markup(text, opts.lineMap);
  return doc.finish();
}

/**
 * One document made of markup segments and of blocks already typed (the narrative's
 * headings and paragraphs, which are text, not markup): table numbers, footnote
 * marks and the problems found span the whole document (figures come numbered with
 * their assets). `finish` gives the blocks and footnotes, or throws every problem at once.
 */
export class MarkupDocument {
  private readonly parser: MarkupParser;
  constructor(sourceName: string, assets: MarkupAssets) {
    this.parser = new MarkupParser(sourceName, assets);
  }

  /** A segment of markup, in order; its line n is reported as lineMap(n) (default: n). */
  markup(text: string, lineMap: (line: number) => number = (n) => n): void {
    this.parser.parseSegment(text.replace(/\r\n?/g, '\n').split('\n'), lineMap);
  }

  /** A block made elsewhere, placed as it is. */
  block(b: Block): void {
    this.parser.blocks.push(b);
  }

  /** A figure of the assets, with the number it was given; a problem with it names `line`. */
  figure(id: string, line: number | null): void {
    this.parser.placeFigure(id, line ?? undefined);
  }

  finish(): MarkupResult {
    const footnotes = this.parser.footnotes();
    if (this.parser.problems.length > 0) throw new InputError(this.parser.problems);
    return { blocks: this.parser.blocks, footnotes };
  }
}

/** A directive's name, argument and body lines, as read from its fences. */
interface Directive {
  name: string;
  arg: string;
  body: string[];
  /** Line (1-based, in the text given) of the directive and of its first body line. */
  line: number;
  bodyLine: number;
}

/** One parse: what it has found so far, and the segment it reads (its lines, where it stands, how its lines are reported). */
class MarkupParser {
  readonly problems: InputProblem[] = [];
  readonly blocks: Block[] = [];
  private readonly refs: PendingRef[] = [];
  private readonly defs = new Map<string, FootnoteDef>();
  private readonly figuresPlaced = new Set<string>();
  private readonly tableNumbers = new Map<string, number>();
  private lines: string[] = [];
  /** Index of the next line to read. */
  private i = 0;
  private mapLine: (line: number) => number = (n) => n;

  constructor(
    private readonly sourceName: string,
    private readonly assets: MarkupAssets,
  ) {}

  /** Every block of one segment, in order, after those of the segments before. */
  parseSegment(lines: string[], mapLine: (line: number) => number): void {
    this.lines = lines;
    this.i = 0;
    this.mapLine = mapLine;
    this.parseBlocks();
  }

  private problem(line: number, message: string, hint?: string): void {
    this.problemAt(this.mapLine(line), message, hint);
  }

  /** A problem at a line already mapped (a footnote's, found after its segment was read; a figure placed outside markup). */
  private problemAt(line: number | undefined, message: string, hint?: string): void {
    this.problems.push({ file: this.sourceName, ...(line === undefined ? {} : { line }), message, ...(hint ? { hint } : {}) });
  }

  /** Inline markup: **bold**, ^sup^, [^id], backslash escapes. */
  inlines(s: string, line: number): Inline[] {
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
          this.problem(line, `malformed footnote reference near "${s.slice(i, i + 12)}"`, 'write a footnote mark as [^name], e.g. [^group]');
          buf += c;
          continue;
        }
        flush();
        out.push({ type: 'footnoteRef', id });
        this.refs.push({ id, line: this.mapLine(line) });
        i = end;
      } else if (c === '^') {
        flush();
        sup = !sup;
      } else {
        buf += c;
      }
    }
    flush();
    if (bold) this.problem(line, 'unclosed ** (bold)', 'close bold text with ** or escape a literal asterisk as \\*');
    if (sup) this.problem(line, 'unclosed ^ (superscript)', 'close superscript with ^ or escape a literal caret as \\^');
    return out;
  }

  /** Every block of the segment, in order. */
  private parseBlocks(): void {
    const lines = this.lines;
    while (this.i < lines.length) {
      const trimmed = lines[this.i].trim();
      if (!trimmed) this.i++;
      else if (ONE_LINE.test(trimmed) || FENCE.test(trimmed)) this.directive(trimmed);
      else if (HEADING.test(trimmed)) this.heading(trimmed);
      else if (FOOTNOTE_DEF.test(trimmed)) this.footnoteDefinition(trimmed);
      else if (NOTE_LINE.test(trimmed)) this.noteLines();
      else this.paragraph();
    }
  }

  /** ::: directive … :::   (or on one line: ::: directive … :::) */
  private directive(trimmed: string): void {
    const d = this.readDirective(trimmed);
    if (!d) return;
    const { name, arg, line } = d;
    if (!DIRECTIVES.includes(name)) {
      this.problem(line, `unknown directive "::: ${name}"`, `known directives: ${DIRECTIVES.join(', ')}`);
      return;
    }
    if ((EMPTY_DIRECTIVES as readonly string[]).includes(name)) {
      const extra = d.body.findIndex((l) => l.trim() !== '');
      if (extra >= 0) this.problem(d.bodyLine + extra, `::: ${name} takes no text inside`, 'captions and notes come with the figure or table data');
    }
    if (name === 'figure' || name === 'table') {
      if (!arg || !ID.test(arg)) this.problem(line, `::: ${name} needs an id, e.g. "::: ${name} ${name === 'figure' ? 'map-total' : 'appendix'}"`);
      else if (name === 'figure') this.placeFigure(arg, this.mapLine(line));
      else this.placeTable(arg, line);
    } else if (name === 'pagebreak') {
      if (arg) this.problem(line, '::: pagebreak takes no argument');
      this.blocks.push({ type: 'pageBreak' });
    } else this.textDirective(d);
  }

  /** The directive at the current line with its body; the position moves past it. Null after a problem. */
  private readDirective(trimmed: string): Directive | null {
    const lines = this.lines;
    const line = this.i + 1;
    const oneLine = ONE_LINE.exec(trimmed);
    const fence = oneLine ?? FENCE.exec(trimmed)!;
    const name = fence[1];
    const arg = (fence[2] ?? '').trim();
    if (!name) {
      this.problem(line, 'closing ::: without an opening directive', 'remove it, or open a block with ::: title / byline / lead / note / figure <id> / table <id>');
      this.i++;
      return null;
    }
    if (oneLine) {
      // For text directives the text is on the line itself.
      const isText = (TEXT_DIRECTIVES as readonly string[]).includes(name);
      this.i++;
      return { name, arg: isText ? '' : arg, body: isText ? [arg] : [], line, bodyLine: line };
    }
    // Find the closing fence.
    let j = this.i + 1;
    while (j < lines.length && !FENCE.test(lines[j].trim()) && !ONE_LINE.test(lines[j].trim())) j++;
    const closed = j < lines.length && FENCE.exec(lines[j].trim())?.[1] === undefined && !ONE_LINE.test(lines[j].trim());
    if (!closed) {
      this.problem(line, j < lines.length ? `::: ${name} is not closed before the next directive (line ${this.mapLine(j + 1)})` : `::: ${name} is not closed`, 'end the block with a line holding only :::');
      this.i = Math.min(j, lines.length); // resume at the next directive
      return null;
    }
    const body = lines.slice(this.i + 1, j);
    this.i = j + 1;
    return { name, arg, body, line, bodyLine: line + 1 };
  }

  /** A figure by id, at a line already mapped. */
  placeFigure(id: string, line: number | undefined): void {
    const f = this.assets.figures.get(id);
    if (!f) return this.problemAt(line, `unknown figure "${id}"`, `known figures: ${[...this.assets.figures.keys()].join(', ') || '(none)'}`);
    if (this.figuresPlaced.has(id)) return this.problemAt(line, `figure "${id}" is placed twice`, 'a figure is printed once; refer to it in the text as 图N');
    this.figuresPlaced.add(id);
    this.blocks.push({
      type: 'figure',
      id,
      number: f.number,
      caption: f.caption,
      svg: f.svg,
      png: f.png,
      widthPt: f.widthPt,
      heightPt: f.heightPt,
      ...(f.note ? { note: f.note } : {}),
      ...(f.alt ? { alt: f.alt } : {}),
      ...(f.besideNext ? { besideNext: true } : {}),
    });
  }

  private placeTable(id: string, line: number): void {
    const t = this.assets.tables.get(id);
    if (!t) return this.problem(line, `unknown table "${id}"`, `known tables: ${[...this.assets.tables.keys()].join(', ') || '(none)'}`);
    if (this.tableNumbers.has(id)) return this.problem(line, `table "${id}" is placed twice`);
    const number = this.tableNumbers.size + 1;
    this.tableNumbers.set(id, number);
    this.blocks.push({
      type: 'table',
      id,
      number,
      caption: t.caption,
      header: t.header,
      rows: t.rows,
      ...(t.align ? { align: t.align } : {}),
      ...(t.widths ? { widths: t.widths } : {}),
      ...(t.note ? { note: t.note } : {}),
    });
  }

  /** title, byline, lead, note: one paragraph of text. */
  private textDirective({ name, arg, body, line, bodyLine }: Directive): void {
    if (arg) this.problem(line, `::: ${name} takes no argument ("${arg}")`, 'put the text on the lines between ::: and :::');
    const nonEmpty = body.map((l, k) => ({ l, k })).filter(({ l }) => l.trim() !== '');
    if (nonEmpty.length === 0) return this.problem(line, `::: ${name} is empty`);
    const blank = body.findIndex((l, k) => l.trim() === '' && k > nonEmpty[0].k && k < nonEmpty[nonEmpty.length - 1].k);
    if (blank >= 0) this.problem(bodyLine + blank, `::: ${name} holds one paragraph; remove the blank line`);
    const content = this.inlines(joinLines(body), bodyLine + nonEmpty[0].k);
    this.blocks.push({ type: name as (typeof TEXT_DIRECTIVES)[number], content });
  }

  /** # heading */
  private heading(trimmed: string): void {
    const lineNo = this.i + 1;
    const h = HEADING.exec(trimmed)!;
    const level = h[1].length;
    if (level > 3) this.problem(lineNo, `heading level ${level} ("${h[1]}") is not used in the report`, 'use # (一、), ## （一）, ### 1.');
    else if (!h[2].trim()) this.problem(lineNo, 'empty heading');
    else this.blocks.push({ type: 'heading', level: level as 1 | 2 | 3, content: this.inlines(h[2].trim(), lineNo) });
    this.i++;
  }

  /** Lines from the current one up to the next blank line or block start. */
  private runningLines(): string[] {
    const body = [this.lines[this.i]];
    let j = this.i + 1;
    while (j < this.lines.length && this.lines[j].trim() !== '' && !startsBlock(this.lines[j].trim())) body.push(this.lines[j++]);
    this.i = j;
    return body;
  }

  /** [^id]: footnote definition (runs to the next blank line) */
  private footnoteDefinition(trimmed: string): void {
    const lineNo = this.i + 1;
    const [, id, first] = FOOTNOTE_DEF.exec(trimmed)!;
    const body = [first, ...this.runningLines().slice(1)];
    const text = joinLines(body);
    if (!ID.test(id)) this.problem(lineNo, `bad footnote name "${id}"`, 'use letters, digits, - _ .');
    else if (this.defs.has(id)) this.problem(lineNo, `footnote [^${id}] is defined twice (first on line ${this.defs.get(id)!.line})`);
    else if (!text) this.problem(lineNo, `footnote [^${id}] is empty`);
    else this.defs.set(id, { text, rawLine: lineNo, line: this.mapLine(lineNo), mapLine: this.mapLine });
  }

  /** > note lines */
  private noteLines(): void {
    const lineNo = this.i + 1;
    const body: string[] = [];
    while (this.i < this.lines.length && NOTE_LINE.test(this.lines[this.i].trim())) body.push(NOTE_LINE.exec(this.lines[this.i++].trim())![1]);
    this.blocks.push({ type: 'note', content: this.inlines(joinLines(body), lineNo) });
  }

  /** paragraph: up to the next blank line or block start */
  private paragraph(): void {
    const lineNo = this.i + 1;
    this.blocks.push({ type: 'paragraph', content: this.inlines(joinLines(this.runningLines()), lineNo) });
  }

  /** Footnotes: marks ①②… in order of first reference; every mark defined, every definition marked. */
  footnotes(): Footnote[] {
    const footnotes: Footnote[] = [];
    const byId = new Map<string, Footnote>();
    for (const r of this.refs) {
      if (byId.has(r.id)) continue;
      if (!this.defs.has(r.id)) {
        this.problemAt(r.line, `footnote mark [^${r.id}] has no definition`, `add a line "[^${r.id}]: …" with the note's text`);
        continue;
      }
      const fn: Footnote = { id: r.id, mark: circledMark(footnotes.length + 1), content: [] };
      byId.set(r.id, fn);
      footnotes.push(fn);
    }
    for (const [id, d] of this.defs) {
      const fn = byId.get(id);
      if (!fn) {
        this.problemAt(d.line, `footnote [^${id}] is defined but never marked in the text`, `put [^${id}] where the mark ① should be printed, or remove the definition`);
        continue;
      }
      // The definition's text is read as its segment's: a problem in it names the line it stands on.
      this.mapLine = d.mapLine;
      const content = this.inlines(d.text, d.rawLine);
      if (content.some((c) => c.type === 'footnoteRef')) this.problemAt(d.line, `footnote [^${id}] contains a footnote mark; notes cannot have notes`);
      fn.content = content.filter((c) => c.type === 'text');
    }
    return footnotes;
  }
}

function startsBlock(trimmed: string): boolean {
  return FENCE.test(trimmed) || ONE_LINE.test(trimmed) || HEADING.test(trimmed) || FOOTNOTE_DEF.test(trimmed) || NOTE_LINE.test(trimmed);
}
