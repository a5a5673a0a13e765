/**
 * Fact check of FINAL text (the narrative, or the text of the PDF and the DOCX)
 * against the facts ledger.
 *
 * The text is split into headings, sentences, captions and notes (text.ts). Each
 * sentence goes through the claim rules of rules/index.ts in their order; each rule
 * reads the claims of its kind (claiming their numbers) and checks them. What no
 * rule understood falls to the last rule, which lets nothing pass unchecked: a
 * number the ledger cannot vouch for is a problem, naming the sentence. Context
 * (the section's index, the district earlier sentences were about) is passed to
 * each sentence, never changed by a rule. The narrative's numbers carry the fact a
 * template printed (provenance.ts), which the rules check the words against.
 */
import type { Ledger } from '../facts/types.js';
import type { Narrative } from '../narrative/types.js';
import type { FactSpan } from '../narrative/provenance.js';
import { lookupsOf } from './facts.js';
import { compileLexicon, type Lexicon } from './lexicon.js';
import { RULES, tiers, numerals, places, quarters } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { SentenceCheck, type SentenceContext } from './sentence.js';
import { HEADING_PREFIX, segment, splitSentences, type Unit } from './text.js';
import type { FigureRef, VerifyOptions, VerifyProblem, VerifyReport } from './types.js';
import { checkCaption, figureOrder } from './captions.js';

export type { VerifyProblem, VerifyReport, VerifyOptions, FigureRef, ClaimRecord } from './types.js';

interface Piece {
  unit: Unit;
  spans?: FactSpan[];
  /** The first sentence of a paragraph: the district earlier paragraphs were about is forgotten. */
  paragraphStart?: boolean;
}

const plainSentence = (s: string) => s.replace(/\s+/g, '').replace(/[。；！？]$/, '');

/**
 * The narrative's sentences as the documents must hold them, in order. A sentence
 * of the PDF or the Word file that is one of them was checked in the narrative
 * (with its provenance and its paragraph); here it need only be there, in order.
 */
class NarrativeMatch {
  private next = 0;
  readonly missing: string[] = [];
  matched = 0;
  constructor(private readonly sentences: string[]) {}

  /** The part of `s` left to check: '' when `s` is the next narrative sentence, the head when `s` ends with it. */
  take(s: string): string {
    const p = plainSentence(s);
    for (let k = this.next; k < this.sentences.length; k++) {
      const want = this.sentences[k];
      if (p === want || (p.endsWith(want) && p.length > want.length)) {
        this.missing.push(...this.sentences.slice(this.next, k));
        this.next = k + 1;
        this.matched++;
        return p === want ? '' : p.slice(0, p.length - want.length);
      }
    }
    return s;
  }

  finish(): string[] {
    this.missing.push(...this.sentences.slice(this.next));
    this.next = this.sentences.length;
    return this.missing;
  }
}

/** Sentences that say nothing the ledger holds (titles, bylines): no number, name, index or claim word. */
function aboutNothing(sc: SentenceCheck, lex: Lexicon): boolean {
  return !sc.tokens.length && !sc.districts.length && !sc.targets.length && !/区县|全市|最高|最低|最大|首位|末位|并列|图\d/.test(sc.s) && !new RegExp(lex.move).test(sc.s) && !/[０-９]|百分之/.test(sc.raw);
}

function run(sc: SentenceCheck, rules: Rule[]): void {
  for (const r of rules) {
    sc.kind = r.kind;
    for (const c of r.read(sc)) {
      sc.kind = r.kind;
      r.check(sc, c);
    }
  }
}

/** All rules on one sentence: numerals, names and quarters first; a tier sentence (第二类：……) is the tier rule's alone. */
function checkSentence(sc: SentenceCheck): void {
  run(sc, [numerals, places, quarters]);
  const tier = tiers.read(sc);
  sc.kind = 'tier';
  for (const c of tier) tiers.check(sc, c);
  if (!tier.some((c) => (c as { form: string }).form === 'tier')) run(sc, RULES);
}

/** The district later sentences of the paragraph are about: the last one named, until a sentence about N个区县. */
function subjectAfter(sc: SentenceCheck, subject: string | null): string | null {
  if (/\d+个区县/.test(sc.s)) return null;
  return sc.districts.length ? sc.districts[sc.districts.length - 1].name : subject;
}

/** The text of a unit left to check here: none when it is the narrative's next sentence, its head when it ends with it. */
function ownText(unit: Unit, match: NarrativeMatch | null): { s: string; raw: string } | null {
  if (!match || unit.kind !== 'sentence') return { s: unit.text, raw: unit.raw };
  const rest = match.take(unit.text);
  if (!rest) return null;
  // Only the head (a title and byline run into the first sentence) is new here.
  return rest === unit.text ? { s: unit.text, raw: unit.raw } : { s: rest, raw: rest };
}

function checkPieces(pieces: Piece[], ledger: Ledger, opts: VerifyOptions): VerifyReport {
  const { current: f, yearOnYear: fYoy } = lookupsOf(ledger);
  // A sentence of 同比 (and no 环比) is read against the year-ago changes.
  const factsFor = (s: string) => (fYoy && /同比|去年同期|上年同期/.test(s) && !/环比|上一?季度/.test(s) ? fYoy : f);
  const lex = compileLexicon(opts.lexicon);
  const where = opts.where ?? 'narrative';
  const problems: VerifyProblem[] = [];
  const byKind: Record<string, number> = {};
  const records: VerifyReport['records'] = [];
  const handChecked: VerifyReport['handChecked'] = [];
  const manual = new Map((opts.handChecked ?? []).map((h) => [h.sentence.replace(/[。；！？]$/, ''), h.reason]));
  let claims = figureOrder(
    pieces.map((p) => p.unit),
    problems,
    where,
  );
  if (claims) byKind.figure = claims;
  const sectionOf = (s: string) => f.targetMentions(s).find((m) => f.isNode(m.name))?.name;
  let ctx: SentenceContext = { section: ledger.meta.root, subject: null, where, heading: '' };
  const headings: string[] = [];
  const figures = opts.figures ?? pieces.filter((p) => p.unit.kind === 'caption').map((p) => captionFigure(p.unit, ctx.heading));

  const enterHeading = (text: string) => {
    const level = /^（/.test(text) ? 2 : 1;
    headings.splice(level - 1, headings.length, text);
    ctx = { ...ctx, section: sectionOf(text) ?? (level === 1 ? ledger.meta.root : ctx.section), subject: null, heading: headings.join(' › ') };
  };

  const match = opts.narrativeSentences ? new NarrativeMatch(opts.narrativeSentences.map(plainSentence)) : null;
  for (const { unit, spans, paragraphStart } of pieces) {
    if (paragraphStart) ctx = { ...ctx, subject: null };
    if (unit.kind === 'heading') {
      enterHeading(unit.text);
      continue;
    }
    if (unit.kind === 'caption') {
      claims += checkCaption(unit.text, unit.n, figures, f, problems, where);
      continue;
    }
    const own = ownText(unit, match);
    if (!own) continue;
    let { s, raw } = own;
    // A heading run into its first sentence (PDF text without the line break): it sets the section.
    const run_in = HEADING_PREFIX.exec(s);
    if (run_in) {
      const n = sectionOf(s);
      if (n) ctx = { ...ctx, section: n, subject: null };
      const cut = /^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、/.exec(s)![0].length;
      s = s.slice(cut);
      raw = raw.slice(cut);
    }
    const reason = manual.get(s.replace(/[。；！？]$/, ''));
    if (reason !== undefined) {
      handChecked.push({ sentence: s, reason });
      continue;
    }
    const sc = new SentenceCheck(s, factsFor(s), lex, ctx, problems, spans ?? [], raw);
    sc.figures = figures;
    sc.aliases = opts.aliases;
    if (aboutNothing(sc, lex)) continue;
    checkSentence(sc);
    claims += sc.claims;
    records.push(...sc.records);
    for (const [k, v] of Object.entries(sc.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
    ctx = { ...ctx, subject: subjectAfter(sc, ctx.subject) };
  }
  if (match) {
    for (const m of match.finish()) problems.push({ sentence: m, message: `${WHERE[where] ?? where}中没有这句正文（或次序不同）：文档必须与核查过的正文一致`, kind: 'document', where });
    if (match.matched) byKind.sameAsNarrative = match.matched;
  }
  return { ok: problems.length === 0, claims, problems, byKind, handChecked, records };
}

const WHERE: Record<string, string> = { PDF: 'PDF', Word: 'Word 文档', document: '文档' };

function captionFigure(unit: Unit, section: string): FigureRef {
  const n = unit.kind === 'caption' ? unit.n : 0;
  return { number: n, id: `fig${n}`, kind: '', node: '', caption: unit.text, needsPrevious: false, section };
}

/** Checks final text (the narrative as Markdown, or the text of the PDF or the Word file). */
export function verifyText(text: string, ledger: Ledger, opts: VerifyOptions = {}): VerifyReport {
  return checkPieces(
    segment(text).map((unit) => ({ unit })),
    ledger,
    opts,
  );
}

/**
 * Checks the narrative as rendered: its paragraphs with the facts the templates
 * printed (spans), its headings, and the footnotes and notes of its markup.
 */
export function verifyNarrative(narrative: Narrative, ledger: Ledger, opts: VerifyOptions = {}): VerifyReport {
  const pieces: Piece[] = [];
  for (const b of narrative.blocks) {
    if (b.type === 'heading') pieces.push({ unit: { kind: 'heading', text: b.text, raw: b.text } });
    else if (b.type === 'paragraph') {
      splitSentences(b.text).forEach((s, i) => {
        const spans = b.spans.filter((x) => x.start >= s.start && x.end <= s.start + s.text.length).map((x) => ({ ...x, start: x.start - s.start, end: x.end - s.start }));
        pieces.push({ unit: { kind: 'sentence', text: s.text, raw: s.raw }, spans, paragraphStart: i === 0 });
      });
    } else if (b.type === 'markup') {
      // Markup: footnotes ([^id]: …) and note lines (注：…) are text a reader reads.
      for (const line of b.text.split('\n')) {
        const note = /^\[\^[^\]]+\]:\s*(.*)$/.exec(line)?.[1] ?? /^注[:：](.*)$/.exec(line.trim())?.[1];
        if (note) for (const s of splitSentences(note.replace(/\s+/g, ''))) pieces.push({ unit: { kind: 'note', text: s.text, raw: s.raw } });
      }
    }
  }
  return checkPieces(pieces, ledger, { where: 'narrative', ...opts, lexicon: opts.lexicon ?? narrative.lexicon });
}

/** The narrative's sentences in order (what verifyText of a document is told to find). */
export function narrativeSentences(narrative: Narrative): string[] {
  return narrative.blocks.flatMap((b) => (b.type === 'paragraph' ? splitSentences(b.text).map((s) => s.text) : []));
}

export { segment, splitSentences, normaliseChars } from './text.js';
