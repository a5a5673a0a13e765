/** 归档: quarters and versions; build a new version (a correction once issued), issue, see the changes, verify. */
import { api, type ApiError } from './api.js';
import { clear, h, marked } from './dom.js';
import { failureView } from './problems.js';
import { waitJob } from './progress.js';
import type { App } from './app.js';
import type { ArchiveList, ChangesView, JobStarted, NewVersion, QuarterBuilt, VersionVerified, VersionView } from '../src/server/api-types.js';

const FILE_NAMES: Record<string, string> = { 'report.pdf': 'PDF', 'report.docx': 'Word', 'facts.json': 'facts.json', 'narrative.md': '文字', 'changes.md': 'changes.md' };

export function changesView(c: ChangesView): HTMLElement {
  const notice = h('textarea', { class: 'notice', id: 'notice', rows: 5, readonly: true }, c.notice);
  const copy = h('button', {}, '复制更正说明');
  copy.addEventListener('click', () => {
    notice.select();
    void navigator.clipboard?.writeText(c.notice).then(() => (copy.textContent = '已复制'));
  });
  return h(
    'div',
    { class: 'changes', id: 'changes' },
    h('h3', {}, c.title),
    c.sections.map((s) =>
      h(
        'section',
        {},
        h('h4', {}, s.heading),
        s.items.map((i) =>
          i.kind === 'rewrite'
            ? h('div', { class: 'rewrite' }, h('p', { class: 'before' }, h('span', { class: 'tag' }, '原文'), marked(i.before, 'mark')), h('p', { class: 'after' }, h('span', { class: 'tag' }, '改为'), marked(i.after, 'mark')))
            : i.kind === 'sub'
              ? h('h5', {}, i.text)
              : h('p', { class: i.kind }, i.kind === 'removed' ? h('span', { class: 'tag' }, '删去') : i.kind === 'added' ? h('span', { class: 'tag' }, '增加') : null, marked(i.text, 'strong')),
        ),
      ),
    ),
    h('h4', {}, '更正说明（草稿，请审阅后使用）'),
    notice,
    copy,
  );
}

export function archiveTab(app: App, root: HTMLElement): { refresh(): Promise<void> } {
  const message = h('div', { class: 'archive-message', id: 'archive-message' });
  const detail = h('div', { class: 'archive-detail' });
  const table = h('div');
  const dialog = h('dialog', { id: 'issue-dialog' });
  const buildIssue = h('input', { id: 'build-issue', placeholder: '例如 2018年第6期', size: 14 });
  clear(
    root,
    h('h2', {}, '归档'),
    h('p', { class: 'muted' }, '每个季度的每个版本（草稿或已发布）。发布后的版本只读；数据更正后生成的新版本附有变更清单和更正说明草稿。时间均为北京时间。'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', {}, '期号（印在页眉；更正时默认沿用已发布版本的期号）', buildIssue),
      h('button', { id: 'build-version', onclick: () => void buildVersion() }, '用当前数据和模板生成新版本'),
      h('button', { id: 'build-all', onclick: () => void buildAll() }, '批量生成全部季度'),
      h('button', { id: 'verify-all', onclick: () => void verify({}) }, '验证整个归档'),
    ),
    message,
    table,
    detail,
    dialog,
  );

  /** Starts a job and waits for its end: what it returned, or null when it failed (its failure shown). */
  const run = async <T>(start: () => Promise<JobStarted>, what: string): Promise<T | null> => {
    clear(message, h('p', { class: 'muted' }, `${what}…`));
    try {
      const end = await waitJob((await start()).job);
      await refresh();
      if (end.state !== 'failed') return end.result as T;
      clear(message, failureView(end.failure!));
    } catch (e) {
      clear(message, failureView((e as ApiError).failure));
    }
    return null;
  };

  const buildVersion = async () => {
    if (!app.quarter) return;
    const r = await run<NewVersion>(() => api('POST', `/api/archive/${app.quarter}/build`, { issue: buildIssue.value }), `正在生成 ${app.quarter} 的新版本`);
    if (!r) return;
    clear(
      message,
      h('p', { class: 'ok' }, r.status === 'unchanged' ? `数据和模板都没有变化：v${r.version.version} 已经是这次的结果，没有新建版本。` : `已生成 ${r.version.quarter} v${r.version.version}${r.changes ? '（更正版本，附变更清单）' : ''}。`),
    );
    clear(detail, r.changes ? changesView(r.changes) : null);
  };

  const buildAll = async () => {
    if (!confirm('用当前数据和模板为数据中的每个季度各生成一个新版本（没有变化的季度不新建）？')) return;
    const results = await run<QuarterBuilt[]>(() => api('POST', '/api/batch', {}), '正在批量生成（进度见右下角）');
    if (!results) return;
    clear(
      message,
      h(
        'ul',
        { class: 'verify-results' },
        results.map((r) => h('li', { class: r.ok ? 'ok' : 'error' }, `${r.quarter}：${r.message}`)),
      ),
    );
  };

  const verify = async (body: { quarter?: string; version?: number }) => {
    const results = await run<VersionVerified[]>(() => api('POST', '/api/verify', body), '正在验证（逐个版本从其输入快照重新生成并逐字节比较）');
    if (!results) return;
    clear(
      message,
      h(
        'ul',
        { class: 'verify-results', id: 'verify-results' },
        results.map((r) => h('li', { class: r.ok ? 'ok' : 'error' }, `${r.quarter} v${r.version}：${r.ok ? '一致' : '不一致'}——${r.message}`)),
      ),
    );
  };

  const issue = (v: VersionView) =>
    issueDialog(dialog, v, async (label) => {
      clear(message, h('p', { class: 'ok' }, `${v.quarter} v${v.version} 已发布（${label}），现为只读。`));
      await refresh();
    });

  const showChanges = async (v: VersionView) => {
    try {
      clear(detail, changesView(await api<ChangesView>('GET', `/api/archive/${v.quarter}/${v.version}/changes`)));
    } catch (e) {
      clear(detail, failureView((e as ApiError).failure));
    }
  };

  const refresh = async () => {
    const { quarters } = await api<ArchiveList>('GET', '/api/archive');
    if (!quarters.length) return clear(table, h('p', { class: 'muted' }, '归档中还没有版本。'));
    clear(table, versionsTable(quarters, { issue, showChanges: (v) => void showChanges(v), verify: (v) => void verify({ quarter: v.quarter, version: v.version }) }));
  };
  return { refresh };
}

/** The dialog of 发布: the 期号 (checked by the server against the version's header) and a note, then confirm. */
function issueDialog(dialog: HTMLDialogElement, v: VersionView, onIssued: (label: string) => Promise<void>): void {
  const label = h('input', { name: 'issue', value: v.issue, required: true, id: 'issue-label' });
  const note = h('input', { name: 'note', id: 'issue-note', placeholder: '例如：主编审定' });
  const error = h('div');
  const submit = h('button', { class: 'primary', id: 'issue-confirm' }, '确认发布');
  clear(
    dialog,
    h('h3', {}, `发布 ${v.quarter} v${v.version}`),
    h('p', {}, '发布后该版本只读，不能再修改；以后的更正会生成新版本。'),
    h('label', {}, '期号 ', label),
    h('label', {}, '备注 ', note),
    error,
    h('div', { class: 'toolbar' }, submit, h('button', { onclick: () => dialog.close() }, '取消')),
  );
  submit.addEventListener('click', async () => {
    try {
      await api('POST', `/api/archive/${v.quarter}/${v.version}/issue`, { issue: label.value, note: note.value });
      dialog.close();
      await onIssued(label.value);
    } catch (e) {
      clear(error, failureView((e as ApiError).failure));
    }
  });
  dialog.showModal();
}

interface VersionActions {
  issue(v: VersionView): void;
  showChanges(v: VersionView): void;
  verify(v: VersionView): void;
}

function versionRow(v: VersionView, act: VersionActions): HTMLElement {
  return h(
    'tr',
    { 'data-version': `${v.quarter}-v${v.version}`, class: v.state === '已发布' ? 'issued' : '' },
    h('td', {}, v.quarter),
    h('td', {}, `v${v.version}${v.corrects ? `（更正 v${v.corrects}）` : ''}`),
    h('td', {}, v.state),
    h('td', {}, v.issue || '—'),
    h('td', {}, v.builtAt ?? '—'),
    h('td', {}, v.issuedAt ? [v.issuedAt, v.note ? h('div', { class: 'muted' }, v.note) : null] : '—'),
    h(
      'td',
      {},
      v.files.map((f) => h('a', { href: `/api/archive/${v.quarter}/${v.version}/file/${f}`, class: 'file-link' }, FILE_NAMES[f] ?? f)),
    ),
    h(
      'td',
      { class: 'actions' },
      v.state === '草稿' ? h('button', { class: 'issue', onclick: () => act.issue(v) }, '发布…') : null,
      v.hasChanges ? h('button', { class: 'show-changes', onclick: () => act.showChanges(v) }, '查看更正') : null,
      h('button', { class: 'verify', onclick: () => act.verify(v) }, '验证'),
    ),
  );
}

/** Every quarter's versions, newest state and dates, files and actions. */
function versionsTable(quarters: { quarter: string; versions: VersionView[] }[], act: VersionActions): HTMLElement {
  return h(
    'table',
    { class: 'grid', id: 'versions' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['季度', '版本', '状态', '期号', '生成时间', '发布时间', '文件', ''].map((t) => h('th', {}, t)),
      ),
    ),
    h(
      'tbody',
      {},
      quarters.flatMap((q) => q.versions.map((v) => versionRow(v, act))),
    ),
  );
}
