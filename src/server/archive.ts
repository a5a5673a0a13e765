/**
 * The 归档 page: every quarter and version with its state, dates in Beijing time
 * and the 期号; building a new version (a correction, once one is issued),
 * issuing, verifying — all through the archive's own functions (buildVersion,
 * issueVersion, verifyVersion), which take the quarter's lock themselves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildVersion } from '../archive/index.js';
import { verifyVersion, type VerifyResult } from '../archive/verify.js';
import { issueQuarter } from '../archive/issue.js';
import { buildMany } from '../archive/batch.js';
import { loadInputs } from '../pipeline.js';
import { listQuarters, listVersions, readVersion, type VersionInfo } from '../archive/store.js';
import { loadBulletin } from '../report.js';
import { HttpError } from './http.js';
import type { JobContext } from './jobs.js';
import type { Workspace } from './workspace.js';
import type { ArchiveList, ChangesView, NewVersion, QuarterBuilt, VersionVerified, VersionView } from './api-types.js';

const LOCAL = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** An ISO time as Beijing time, e.g. 2026/12/05 02:31:07（北京时间）. */
export function localTime(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : `${LOCAL.format(d)}（北京时间）`;
}

export type { VersionView, ChangesView, ChangeItem } from './api-types.js';

/** The 期号 a version was built with: from its own input snapshot. */
export function versionIssue(info: VersionInfo): string {
  const inputs = join(info.dir, 'inputs');
  try {
    const options = JSON.parse(readFileSync(join(inputs, 'options.json'), 'utf8')) as { issue?: string };
    if (options.issue) return options.issue;
    const bulletin = parseYaml(readFileSync(join(inputs, 'templates/report/bulletin.yaml'), 'utf8')) as { issue?: string };
    return bulletin?.issue ?? '';
  } catch {
    return '';
  }
}

function view(info: VersionInfo): VersionView {
  let corrects: number | null = null;
  try {
    corrects = (JSON.parse(readFileSync(join(info.dir, 'manifest.json'), 'utf8')) as { corrects: number | null }).corrects;
  } catch {
    /* listed without it */
  }
  return {
    quarter: info.quarter,
    version: info.version,
    state: info.issued ? '已发布' : '草稿',
    builtAt: localTime(info.builtAt),
    issuedAt: localTime(info.issued?.at),
    note: info.issued?.note ?? null,
    issue: versionIssue(info),
    corrects,
    hasChanges: existsSync(join(info.dir, 'changes.md')),
    files: ['report.pdf', 'report.docx', 'facts.json', 'narrative.md', 'changes.md'].filter((f) => existsSync(join(info.dir, f))),
  };
}

export function listArchive(ws: Workspace): ArchiveList['quarters'] {
  return listQuarters(ws.out).map((quarter) => ({ quarter, versions: listVersions(ws.out, quarter).map(view) }));
}

export function findVersion(ws: Workspace, quarter: string, version: number): VersionInfo {
  if (!/^\d{4}Q[1-4]$/.test(quarter) || !Number.isInteger(version) || version < 1) throw new HttpError(400, `没有这个版本：${quarter} v${version}。`);
  if (!listVersions(ws.out, quarter).some((v) => v.version === version)) throw new HttpError(404, `归档中没有 ${quarter} 的 v${version}。`);
  return readVersion(ws.out, quarter, version);
}

/** A new version of the quarter from the workspace's current data and templates. */
export async function buildNewVersion(ws: Workspace, quarter: string, issue: string | undefined, ctx: JobContext): Promise<NewVersion> {
  const defaultIssue = loadBulletin(ws.templates).issue;
  const issued = [...listVersions(ws.out, quarter)].reverse().find((v) => v.issued);
  // A correction carries the 期号 of the issue it corrects unless the editor says otherwise.
  const label = checkLabel(issue?.trim() || (issued ? versionIssue(issued) : defaultIssue), '期号');
  const r = await buildVersion({ data: ws.data, config: ws.config, templatesDir: ws.templates, root: ws.out, quarter, issue: label || undefined, onStage: (s, ms) => ctx.stage(s, ms) });
  return { status: r.status, version: view(r.version), changes: r.changes ? parseChanges(r.changes) : null, claims: r.claims };
}

export function checkLabel(text: string, what: string): string {
  if (text.length > 60 || /[\u0000-\u001f\u007f<>{}\u200b-\u200f\u202a-\u202e]/.test(text)) throw new HttpError(400, `${what}不能超过 60 个字，也不能含控制字符或 < > { } 等标记符号。`);
  return text;
}

export async function issue(ws: Workspace, quarter: string, version: number, label: string, note: string): Promise<VersionView> {
  const info = findVersion(ws, quarter, version);
  if (info.issued) throw new HttpError(409, `${quarter} v${version} 已于 ${localTime(info.issued.at)} 发布，发布后只读；如需更正，请生成新版本。`);
  const built = versionIssue(info);
  const given = checkLabel(label.trim(), '期号');
  if (!given) throw new HttpError(400, '请填写期号，例如 2018年第6期。');
  if (built && given !== built) throw new HttpError(409, `v${version} 的页眉印的期号是“${built}”，与填写的“${given}”不同。请核对期号；如需改印“${given}”，请用这个期号生成新版本后再发布。`);
  const text = checkLabel(note.trim(), '备注');
  // The archive's own issue: a version built without a 期号 is first rebuilt with it (same inputs), then issued.
  const r = await issueQuarter({ root: ws.out, quarter, version, issue: given, ...(text ? { note: text } : {}) });
  return view(r.info);
}

/** changes.md as the page lays it out: sections, 原文/改为 pairs (changed parts in **bold**), the drafted 更正说明. */
export function parseChanges(md: string): ChangesView {
  const lines = md.split('\n');
  const view: ChangesView = { title: '', sections: [], notice: '' };
  let inNotice = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('# ')) view.title = line.slice(2);
    else if (line.startsWith('## ')) {
      inNotice = line.includes('更正说明');
      if (!inNotice) view.sections.push({ heading: line.slice(3), items: [] });
    } else if (inNotice) view.notice = [view.notice, line].filter(Boolean).join('\n');
    else if (!view.sections.length || !line.trim()) continue;
    else {
      const items = view.sections[view.sections.length - 1].items;
      if (line.startsWith('### ')) items.push({ kind: 'sub', text: line.slice(4) });
      else if (line.startsWith('- 原文：') && lines[i + 1]?.startsWith('  改为：')) items.push({ kind: 'rewrite', before: line.slice(5), after: lines[++i].slice(5) });
      else if (line.startsWith('- 删去：')) items.push({ kind: 'removed', text: line.slice(5) });
      else if (line.startsWith('- 增加：')) items.push({ kind: 'added', text: line.slice(5) });
      else items.push({ kind: 'line', text: line.replace(/^- /, '') });
    }
  }
  return view;
}

export function readChanges(ws: Workspace, quarter: string, version: number): ChangesView {
  const info = findVersion(ws, quarter, version);
  const file = join(info.dir, 'changes.md');
  if (!existsSync(file)) throw new HttpError(404, `${quarter} v${version} 没有更正记录（changes.md）：只有已发布版本之后的新版本才有。`);
  return parseChanges(readFileSync(file, 'utf8'));
}

/** Verifies the versions given (one, a quarter's, or the whole archive), reporting each as it goes. */
export async function verifyMany(versions: VersionInfo[], ctx: JobContext): Promise<VersionVerified[]> {
  const results: VersionVerified[] = [];
  for (const [i, v] of versions.entries()) {
    ctx.note(`正在验证 ${v.quarter} v${v.version}（${i + 1}/${versions.length}）`);
    const r: VerifyResult = await verifyVersion(v);
    const message = r.ok
      ? `${r.checked.length} 个文件与重新生成的完全一致，记录与归档日志相符`
      : `不一致：${[...r.mismatched.map((f) => `${f} 内容不同`), ...r.missing.map((f) => `${f} 缺失`), ...r.problems].join('；')}${r.builtWith ? `（该版本由 ${r.builtWith} 生成，其他版本的工具生成结果可能不同）` : ''}`;
    results.push({ quarter: v.quarter, version: v.version, ok: r.ok, message });
    ctx.note(`${v.quarter} v${v.version}：${r.ok ? '一致' : '不一致'}（${i + 1}/${versions.length}）`);
  }
  return results;
}

export const allVersions = (ws: Workspace) => listQuarters(ws.out).flatMap((q) => listVersions(ws.out, q));

/** Every quarter of the data as a new version each (the archive's batch, on worker threads), reported quarter by quarter. */
export async function buildAll(ws: Workspace, ctx: JobContext): Promise<QuarterBuilt[]> {
  const { dataset } = await loadInputs({ data: ws.data, config: ws.config });
  ctx.note(`共 ${dataset.quarters.length} 个季度，开始生成`);
  const results = await buildMany({
    data: ws.data,
    config: ws.config,
    templatesDir: ws.templates,
    root: ws.out,
    quarters: dataset.quarters,
    jobs: 1,
    onProgress: (e) => ctx.note(`${e.quarter}：${e.error ? '失败' : e.result!.status === 'unchanged' ? `没有变化（仍为 v${e.result!.version}）` : `已生成 v${e.result!.version}`}（${e.done}/${e.total}）`),
  });
  return results.map((r) => ({ quarter: r.quarter, ok: r.ok, message: r.ok ? (r.status === 'unchanged' ? `没有变化，仍为 v${r.version}` : `已生成 v${r.version}`) : `失败：${r.error}` }));
}
