import { parse as parseCsv } from 'csv-parse/sync';
import { diffArrays } from 'diff';
import { distance } from 'fastest-levenshtein';
import type { Ledger } from '../facts/types.js';
import type { FileMap } from './snapshot.js';

/** What a correction changed, between an issued version and a new build of the same quarter. */
export interface ChangeSet {
  data: { quarter: string; district: string; column: string; before: string; after: string }[];
  scores: { district: string; node: string; before: number; after: number; rankBefore: number; rankAfter: number }[];
  tiers: { district: string; before: string; after: string }[];
  /** Sentences of the text that changed, in the order of the new text: rewritten (both), removed or added. */
  sentences: SentenceChange[];
}

export interface SentenceChange {
  /** The headings the sentence stands under, outermost first. */
  section: string[];
  before?: string;
  after?: string;
}

export interface Sentence {
  text: string;
  section: string[];
}

const text = (files: FileMap, name: string) => Buffer.from(files.get(name) ?? new Uint8Array()).toString('utf8');

function dataCells(files: FileMap): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (!name.startsWith('inputs/data/')) continue;
    const rows = parseCsv(Buffer.from(bytes).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    for (const row of rows) for (const [column, value] of Object.entries(row)) if (!['季度', '区县', '来源文件', '来源工作表', '来源行'].includes(column)) cells.set(`${row['季度']}\t${row['区县']}\t${column}`, value);
  }
  return cells;
}

/** Sentences of a narrative with the headings they stand under, for a readable list of what the text now says differently. */
export function sentences(markdown: string): Sentence[] {
  const section: string[] = [];
  const out: Sentence[] = [];
  for (const line of markdown.split('\n')) {
    const heading = /^(#+)\s+(.*)$/.exec(line);
    if (heading) {
      section.length = heading[1].length - 1;
      section.push(heading[2].trim());
      continue;
    }
    if (!line.trim()) continue;
    for (const m of line.match(/[^。；]+[。；]?/g) ?? []) {
      const text = m.trim();
      if (text) out.push({ text, section: [...section] });
    }
  }
  return out;
}

/** How alike two sentences are: 1 − edit distance ÷ the longer length. */
const likeness = (a: string, b: string) => 1 - distance(a, b) / Math.max(a.length, b.length, 1);
/** A removed and an added sentence this alike (and in the same place) are one sentence rewritten. */
const REWRITTEN = 0.6;

/**
 * The changes of one stretch between two unchanged sentences: each removed
 * sentence is paired with the next added one like it (a rewrite: old and new side
 * by side), the rest are plain removals and additions. Removals stand before the
 * sentence that followed them; rewrites and additions where they are now.
 */
export function stretchChanges(removed: Sentence[], added: Sentence[]): SentenceChange[] {
  let from = 0;
  const pairedWith = new Map<Sentence, Sentence>();
  for (const r of removed) {
    const k = added.findIndex((a, idx) => idx >= from && likeness(r.text, a.text) >= REWRITTEN);
    if (k >= 0) {
      pairedWith.set(added[k], r);
      from = k + 1;
    }
  }
  const paired = new Set(pairedWith.values());
  const changes: SentenceChange[] = removed.filter((r) => !paired.has(r)).map((r) => ({ section: r.section, before: r.text }));
  for (const a of added) {
    const r = pairedWith.get(a);
    changes.push(r ? { section: a.section, before: r.text, after: a.text } : { section: a.section, after: a.text });
  }
  return changes;
}

/**
 * The sentences that differ, in reading order: a longest common subsequence of
 * whole sentences (jsdiff's diffArrays over the sentence texts) keeps what is
 * unchanged; each stretch between two unchanged sentences is told as rewrites,
 * removals and additions (stretchChanges).
 *
 * diffArrays took the place of a hand-written LCS table (n·m cells) once measured
 * no worse (scripts/bench-lock-diff.ts): the same changes on every case tried (a
 * corrected cell: 10 and 7 rewrites of 55 sentences; 2018Q2 → 2018Q3: 66 changes;
 * a paragraph moved; seven quarters' 311 sentences with every 10th changed), all
 * within a few milliseconds: faster where little changed (0.01 against 0.05 ms for
 * a moved paragraph, 0.5 against 2.4 ms for the 311 sentences), slower where
 * nearly all did (1.9 against 0.3 ms, 2018Q2 → 2018Q3), which a correction is not.
 * jsdiff's own diffSentences is no use here: it splits at [.!?] and white space,
 * so a Chinese paragraph is one sentence.
 */
export function diffSentences(before: Sentence[], after: Sentence[]): SentenceChange[] {
  const changes: SentenceChange[] = [];
  let removed: Sentence[] = [];
  let added: Sentence[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(
    before.map((s) => s.text),
    after.map((s) => s.text),
  )) {
    if (part.added) added.push(...after.slice(j, (j += part.count)));
    else if (part.removed) removed.push(...before.slice(i, (i += part.count)));
    else {
      // An unchanged run ends the stretch before it.
      changes.push(...stretchChanges(removed, added));
      removed = [];
      added = [];
      i += part.count;
      j += part.count;
    }
  }
  changes.push(...stretchChanges(removed, added));
  return changes;
}

/**
 * Old and new sentence with what changed in bold: the shortest spans, after the
 * longest common beginning and end; never half a number, and never half a run of
 * Chinese characters (a district's name: 涪陵区, not 涪陵 and 区).
 */
export function markRewrite(before: string, after: string): { before: string; after: string } {
  const a = tokens(before);
  const b = tokens(after);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const han = (t: string | undefined) => t !== undefined && /^\p{Script=Han}$/u.test(t);
  // A boundary inside a run of characters moves outwards, in both sentences alike.
  const splitsStart = (t: string[]) => p > 0 && p < t.length - q && han(t[p - 1]) && han(t[p]);
  const splitsEnd = (t: string[]) => q > 0 && t.length - q > p && han(t[t.length - q - 1]) && han(t[t.length - q]);
  while (splitsStart(a) || splitsStart(b)) p--;
  while (splitsEnd(a) || splitsEnd(b)) q--;
  const mark = (t: string[]) => {
    const mid = t.slice(p, t.length - q).join('');
    return t.slice(0, p).join('') + (mid ? `**${mid}**` : '') + t.slice(t.length - q).join('');
  };
  return { before: mark(a), after: mark(b) };
}

/** Numbers (with their sign, decimals and thousands commas) and single characters. */
const tokens = (s: string) => s.match(/[-+]?\d[\d,]*(?:\.\d+)?%?|[\s\S]/gu) ?? [];

export function diffVersions(before: FileMap, after: FileMap): ChangeSet {
  const a = dataCells(before);
  const b = dataCells(after);
  const data: ChangeSet['data'] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(key) === b.get(key)) continue;
    const [quarter, district, column] = key.split('\t');
    data.push({ quarter, district, column, before: a.get(key) ?? '（无）', after: b.get(key) ?? '（无）' });
  }
  const la = JSON.parse(text(before, 'facts.json')) as Ledger;
  const lb = JSON.parse(text(after, 'facts.json')) as Ledger;
  const scores: ChangeSet['scores'] = [];
  const tiers: ChangeSet['tiers'] = [];
  for (const rowB of lb.districts) {
    const rowA = la.districts.find((d) => d.district === rowB.district);
    if (!rowA) continue;
    for (const node of Object.keys(rowB.scores)) {
      const sa = rowA.scores[node];
      const sb = rowB.scores[node];
      if (sa && (sa.score !== sb.score || sa.rank !== sb.rank)) scores.push({ district: rowB.district, node, before: sa.score, after: sb.score, rankBefore: sa.rank, rankAfter: sb.rank });
    }
    if (rowA.tier !== rowB.tier) tiers.push({ district: rowB.district, before: rowA.tier ?? '未计算', after: rowB.tier ?? '未计算' });
  }
  // The districts whose data changed first, then the others; the total before the sub-indices.
  const corrected = new Set(data.map((d) => d.district));
  const nodeOrder = Object.keys(lb.districts[0]?.scores ?? {});
  const rootFirst = (n: string) => (n === lb.meta.root ? -1 : nodeOrder.indexOf(n));
  scores.sort((x, y) => Number(corrected.has(y.district)) - Number(corrected.has(x.district)) || rootFirst(x.node) - rootFirst(y.node) || x.rankAfter - y.rankAfter);
  return { data, scores, tiers, sentences: diffSentences(sentences(text(before, 'narrative.md')), sentences(text(after, 'narrative.md'))) };
}

const fmt = (x: number) => x.toFixed(2);

/** changes.md: the list of changes and a drafted 更正说明 for the bulletin. */
export function changesMarkdown(changes: ChangeSet, ctx: { title: string; quarter: string; fromVersion: number; toVersion: number; issue?: string; fromIssued?: boolean; issueBefore?: string }): string {
  // Against a draft (nothing issued yet) there is nothing to correct in print: no 更正说明.
  const fromIssued = ctx.fromIssued ?? true;
  const against = fromIssued ? `已发布的 v${ctx.fromVersion}` : `草稿 v${ctx.fromVersion}（未发布）`;
  const lines: string[] = [`# ${ctx.title}：v${ctx.toVersion} 相对于${against}的变更`, ''];
  lines.push('## 数据更正', '');
  if (changes.data.length === 0) lines.push('输入数据没有变化。');
  for (const c of changes.data) lines.push(`- ${c.quarter} ${c.district} ${c.column}：${c.before} → ${c.after}`);
  lines.push('', '## 得分与排名', '');
  if (changes.scores.length === 0) lines.push('得分与排名没有变化。');
  for (const s of changes.scores) {
    const score = s.before === s.after ? `得分${fmt(s.after)}不变` : `${fmt(s.before)} → ${fmt(s.after)}`;
    lines.push(`- ${s.district} ${s.node}：${score}${s.rankBefore !== s.rankAfter ? `，排名第${s.rankBefore}位 → 第${s.rankAfter}位` : ''}`);
  }
  lines.push('', '## 分类', '');
  if (changes.tiers.length === 0) lines.push('各区县所属类别没有变化。');
  for (const t of changes.tiers) lines.push(`- ${t.district}：${t.before} → ${t.after}`);
  lines.push('', '## 文字', '');
  if (changes.sentences.length === 0) lines.push('报告文字没有变化。');
  let section = '';
  for (const c of changes.sentences) {
    const where = c.section.join(' › ') || '（导语）';
    if (where !== section) {
      if (lines[lines.length - 1] !== '') lines.push('');
      lines.push(`### ${where}`, '');
      section = where;
    }
    if (c.before !== undefined && c.after !== undefined) {
      const marked = markRewrite(c.before, c.after);
      lines.push(`- 原文：${marked.before}`, `  改为：${marked.after}`);
    } else if (c.before !== undefined) lines.push(`- 删去：${c.before}`);
    else lines.push(`- 增加：${c.after}`);
  }
  // The 期号 in the running header (e.g. given when the version was issued) is not in the text.
  if (ctx.issueBefore !== undefined && ctx.issueBefore !== (ctx.issue ?? '')) lines.push('', '## 页眉', '', `- 期号：${ctx.issueBefore || '（无）'} → ${ctx.issue || '（无）'}`);
  if (fromIssued) lines.push('', '## 更正说明（草稿）', '', correctionNotice(changes, ctx), '');
  else lines.push('');
  return lines.join('\n');
}

/** A drafted 更正说明 paragraph in the bulletin's style; the editor reviews it before printing. */
export function correctionNotice(changes: ChangeSet, ctx: { title: string; issue?: string }): string {
  const where = ctx.issue ? `本刊${ctx.issue}刊发的《${ctx.title}》` : `《${ctx.title}》`;
  const dataPart = changes.data.length ? `因${[...new Set(changes.data.map((c) => `${c.district}${c.column}`))].slice(0, 5).join('、')}${changes.data.length > 5 ? '等' : ''}数据更正` : '因计算更正';
  const totals = changes.scores.filter((s) => s.node === '双创指数');
  const shown = (totals.length ? totals : changes.scores).slice(0, 5);
  const scorePart = shown
    .map((s) =>
      s.before === s.after
        ? `${s.district}${s.node}排名由第${s.rankBefore}位更正为第${s.rankAfter}位`
        : `${s.district}${s.node}得分由${fmt(s.before)}分更正为${fmt(s.after)}分${s.rankBefore !== s.rankAfter ? `，排名由第${s.rankBefore}位更正为第${s.rankAfter}位` : ''}`,
    )
    .join('；');
  const tierPart = changes.tiers.length ? `；${changes.tiers.map((t) => `${t.district}由${t.before}调整为${t.after}`).join('、')}` : '';
  if (!scorePart && !tierPart) return `${where}经复核，相关得分、排名与分类均无变化。`;
  return `${where}${dataPart}，部分内容需作更正：${scorePart}${tierPart}。报告其余相关表述已一并更正，特此说明。`;
}
