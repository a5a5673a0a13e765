import { parse as parseCsv } from 'csv-parse/sync';
import type { Ledger } from '../facts/types.js';
import type { FileMap } from './snapshot.js';

/** What a correction changed, between an issued version and a new build of the same quarter. */
export interface ChangeSet {
  data: { quarter: string; district: string; column: string; before: string; after: string }[];
  scores: { district: string; node: string; before: number; after: number; rankBefore: number; rankAfter: number }[];
  tiers: { district: string; before: string; after: string }[];
  sentences: { removed: string[]; added: string[] };
}

const text = (files: FileMap, name: string) => Buffer.from(files.get(name) ?? new Uint8Array()).toString('utf8');

function dataCells(files: FileMap): Map<string, string> {
  const cells = new Map<string, string>();
  for (const [name, bytes] of files) {
    if (!name.startsWith('inputs/data/')) continue;
    const rows = parseCsv(Buffer.from(bytes).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    for (const row of rows)
      for (const [column, value] of Object.entries(row))
        if (!['季度', '区县', '来源文件', '来源工作表', '来源行'].includes(column)) cells.set(`${row['季度']}\t${row['区县']}\t${column}`, value);
  }
  return cells;
}

/** Sentences of a narrative, for a readable list of what the text now says differently. */
export function sentences(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .flatMap((l) => l.match(/[^。；]+[。；]?/g) ?? [])
    .map((s) => s.trim())
    .filter(Boolean);
}

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
    if (rowA.tier !== rowB.tier) tiers.push({ district: rowB.district, before: rowA.tier, after: rowB.tier });
  }
  // The districts whose data changed first, then the others; the total before the sub-indices.
  const corrected = new Set(data.map((d) => d.district));
  const nodeOrder = Object.keys(lb.districts[0]?.scores ?? {});
  const rootFirst = (n: string) => (n === lb.meta.root ? -1 : nodeOrder.indexOf(n));
  scores.sort((x, y) => Number(corrected.has(y.district)) - Number(corrected.has(x.district)) || rootFirst(x.node) - rootFirst(y.node) || x.rankAfter - y.rankAfter);
  const sa = sentences(text(before, 'narrative.md'));
  const sb = sentences(text(after, 'narrative.md'));
  return { data, scores, tiers, sentences: { removed: sa.filter((s) => !sb.includes(s)), added: sb.filter((s) => !sa.includes(s)) } };
}

const fmt = (x: number) => x.toFixed(2);

/** changes.md: the list of changes and a drafted 更正说明 for the bulletin. */
export function changesMarkdown(changes: ChangeSet, ctx: { title: string; quarter: string; fromVersion: number; toVersion: number; issue?: string }): string {
  const lines: string[] = [`# ${ctx.title}：v${ctx.toVersion} 相对于已发布的 v${ctx.fromVersion} 的变更`, ''];
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
  if (changes.sentences.removed.length === 0 && changes.sentences.added.length === 0) lines.push('报告文字没有变化。');
  for (const s of changes.sentences.removed) lines.push(`- 删除：${s}`);
  for (const s of changes.sentences.added) lines.push(`- 新增：${s}`);
  lines.push('', '## 更正说明（草稿）', '', correctionNotice(changes, ctx), '');
  return lines.join('\n');
}

/** A drafted 更正说明 paragraph in the bulletin's style; the editor reviews it before printing. */
export function correctionNotice(changes: ChangeSet, ctx: { title: string; issue?: string }): string {
  const where = ctx.issue ? `本刊${ctx.issue}刊发的《${ctx.title}》` : `《${ctx.title}》`;
  const dataPart = changes.data.length
    ? `因${[...new Set(changes.data.map((c) => `${c.district}${c.column}`))].slice(0, 5).join('、')}${changes.data.length > 5 ? '等' : ''}数据更正`
    : '因计算更正';
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
