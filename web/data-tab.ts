/** 数据: choose or drop CSV/XLSX files; they are validated at once and kept only when the data set is valid. */
import { api, type ApiError } from './api.js';
import { clear, h } from './dom.js';
import { failureView } from './problems.js';
import type { App } from './app.js';
import type { DataFile, DataState, UploadResult } from '../src/server/api-types.js';

const STATUS: Record<string, string> = { new: '已加入', replaced: '已更新（原文件已保留，可恢复）', unchanged: '内容相同，未改动' };
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) + '（北京时间）';

export function dataTab(app: App, root: HTMLElement): { refresh(): Promise<void> } {
  const result = h('div', { class: 'upload-result', id: 'upload-result' });
  const list = h('div', { class: 'file-list' });
  const input = h('input', { type: 'file', multiple: true, accept: '.csv,.xlsx', id: 'file-input', class: 'visually-hidden' });
  const drop = h(
    'div',
    { class: 'drop', id: 'drop', tabindex: 0 },
    h('p', { class: 'drop-title' }, '把本季度的数据表（CSV 或 XLSX）拖到这里'),
    h('p', {}, '或 ', h('label', { for: 'file-input', class: 'button' }, '选择文件…')),
    h('p', { class: 'muted' }, '文件会立即校验；有问题时不保存任何文件。同名文件内容有变化时，原文件保留为历史版本，可随时恢复。'),
    input,
  );
  clear(root, h('h2', {}, '数据'), drop, result, h('h3', {}, '数据文件夹中的文件'), list);

  const upload = async (files: File[]) => {
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    clear(result, h('p', { class: 'muted' }, `正在校验 ${files.map((f) => f.name).join('、')}…`));
    try {
      const r = await api<UploadResult>('POST', '/api/data/upload', form);
      showResult(r);
    } catch (e) {
      clear(result, failureView((e as ApiError).failure));
    }
    await refresh();
  };
  const showResult = (r: UploadResult) => {
    if (!r.ok) {
      clear(result, h('h3', { class: 'error' }, '数据有问题，未保存'), failureView(r.failure));
      return;
    }
    clear(
      result,
      h('p', { class: 'ok' }, `校验通过：数据包含 ${r.quarters.join('、')}。`),
      h(
        'ul',
        {},
        r.files.map((f) => h('li', {}, `${f.name}：${STATUS[f.status] ?? f.status}`)),
      ),
    );
    app.quartersChanged(r.quarters);
  };
  input.addEventListener('change', () => void upload([...(input.files ?? [])]).then(() => (input.value = '')));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    void upload([...(e.dataTransfer?.files ?? [])]);
  });

  const restore = async (name: string, id: string) => {
    if (!confirm(`把“${name}”恢复为 ${id} 保存的内容？当前内容会保留为历史版本。`)) return;
    try {
      showResult(await api<UploadResult>('POST', '/api/data/restore', { name, id }));
    } catch (e) {
      clear(result, failureView((e as ApiError).failure));
    }
    await refresh();
  };

  const refresh = async () => {
    const s = await api<DataState>('GET', '/api/data');
    if (!s.files.length) {
      clear(list, h('p', { class: 'muted' }, '还没有数据。请先上传本季度的数据表。'));
      return;
    }
    clear(
      list,
      filesTable(s, (name, id) => void restore(name, id)),
    );
    if (s.quarters.length) app.quartersChanged(s.quarters);
  };
  return { refresh };
}

/** The data folder's files, each with its earlier contents (恢复 puts one back), and what the data hold. */
function filesTable(s: DataState, restore: (name: string, id: string) => void): HTMLElement[] {
  const previous = (f: DataFile) => (f.previous.length ? f.previous.map((p) => h('div', {}, `${beijing(p.keptAt)} 保存的版本 `, h('button', { class: 'link', onclick: () => restore(f.name, p.id) }, '恢复'))) : '—');
  return [
    h(
      'table',
      { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', {}, '文件'), h('th', {}, '大小'), h('th', {}, '历史版本'))),
      h(
        'tbody',
        {},
        s.files.map((f) => h('tr', {}, h('td', {}, f.name), h('td', {}, size(f.size)), h('td', {}, previous(f)))),
      ),
    ),
    s.failure ? failureView(s.failure) : h('p', { class: 'muted' }, `数据包含 ${s.quarters.join('、')}；单个文件上限 ${size(s.limit)}。`),
  ];
}
