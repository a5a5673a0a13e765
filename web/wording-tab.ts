/**
 * 措辞: the wording (wording.yaml) and the paragraph templates in a code editor.
 * Saving rebuilds the preview; a template error is marked at its line, a
 * fact-check failure names its sentence, and the last good preview stays.
 */
import { api, ApiError, type Failure } from './api.js';
import { clear, h } from './dom.js';
import { CodeEditor } from './editor.js';
import { failureView } from './problems.js';
import { waitJob } from './progress.js';
import { factCheckLine, textView, type ReportView } from './report-tab.js';
import type { App } from './app.js';

interface WordingFile {
  path: string;
  text: string;
  version: string;
  undo: number;
}

export function wordingTab(app: App, root: HTMLElement): { refresh(): Promise<void> } {
  const files = h('ul', { class: 'file-menu', id: 'wording-files' });
  const title = h('h3', { id: 'wording-path' });
  const status = h('div', { class: 'status', id: 'wording-status' });
  const host = h('div', { class: 'editor', id: 'editor' });
  const preview = h('div', { class: 'preview', id: 'wording-preview' });
  const saveButton = h('button', { id: 'save' }, '保存（Ctrl+S）');
  const undoButton = h('button', { id: 'undo' }, '撤销上次保存');
  const reloadButton = h('button', { id: 'reload' }, '重新载入');
  let current: WordingFile | null = null;
  let dirty = false;
  const editor = new CodeEditor(host, () => void save(), () => {
    dirty = current !== null && editor.text !== current.text;
    saveButton.classList.toggle('primary', dirty);
  });

  clear(
    root,
    h('h2', {}, '措辞'),
    h('p', { class: 'muted' }, '修改报告的措辞（wording.yaml）和各段落模板。保存后预览自动重新生成；如果模板出错或文字与事实不符，会指出出错的行或句子，上一次成功的预览保持不变。'),
    h('div', { class: 'wording' }, h('nav', {}, files), h('div', { class: 'edit-col' }, title, h('div', { class: 'toolbar' }, saveButton, undoButton, reloadButton), status, host), h('div', { class: 'preview-col' }, h('h3', {}, '预览（文字）'), preview)),
  );

  const open = async (path: string) => {
    if (dirty && current && !confirm(`“${current.path}”有未保存的修改，确定放弃？`)) return;
    current = await api<WordingFile>('GET', `/api/wording/file/${path}`);
    editor.load(current.text, path);
    dirty = false;
    clear(title, path);
    clear(status);
    undoButton.toggleAttribute('disabled', current.undo === 0);
    for (const li of files.querySelectorAll('li')) li.classList.toggle('active', li.dataset.path === path);
  };

  const showPreview = async () => {
    if (!app.quarter) return;
    const view = await api<ReportView>('GET', `/api/report/${app.quarter}`);
    clear(preview, factCheckLine(view, { brief: true }), view.ready ? textView(view) : null);
    return view;
  };

  /** After a save: wait for the preview and show what it says; mark the template's line on an error. */
  const afterBuild = async (job: number | null) => {
    if (job === null) return;
    clear(status, h('p', { class: 'muted' }, '已保存，正在重新生成预览…'));
    const end = await waitJob(job);
    await showPreview();
    if (end.state === 'done') {
      clear(status, h('p', { class: 'ok' }, `已保存；预览已更新（${((end.ms ?? 0) / 1000).toFixed(2)} 秒），事实核查通过。`));
      editor.markLine(null);
    } else if (end.failure) showFailure(end.failure);
  };
  const showFailure = (f: Failure) => {
    clear(status, failureView(f));
    const t = f.template;
    if (t && t.line !== null && current && (!t.file || current.path.endsWith(t.file) || t.file.endsWith(current.path))) editor.markLine(t.line);
  };

  const save = async () => {
    if (!current) return;
    try {
      const r = await api<{ file: WordingFile; job: number | null }>('PUT', `/api/wording/file/${current.path}`, { text: editor.text, base: current.version, quarter: app.quarter });
      current = r.file;
      dirty = false;
      saveButton.classList.remove('primary');
      undoButton.toggleAttribute('disabled', current.undo === 0);
      await afterBuild(r.job);
    } catch (e) {
      showFailure((e as ApiError).failure);
    }
  };
  saveButton.addEventListener('click', () => void save());
  reloadButton.addEventListener('click', () => {
    if (current) {
      dirty = false;
      void open(current.path);
    }
  });
  undoButton.addEventListener('click', async () => {
    if (!current || !confirm(`把“${current.path}”恢复为上次保存之前的内容？`)) return;
    try {
      const r = await api<{ file: WordingFile; job: number | null }>('POST', `/api/wording/undo/${current.path}`, { base: current.version, quarter: app.quarter });
      current = r.file;
      editor.load(current.text, current.path);
      dirty = false;
      undoButton.toggleAttribute('disabled', current.undo === 0);
      await afterBuild(r.job);
    } catch (e) {
      showFailure((e as ApiError).failure);
    }
  });

  const refresh = async () => {
    const { files: list } = await api<{ files: string[] }>('GET', '/api/wording');
    clear(files, list.map((p) => h('li', { 'data-path': p }, h('button', { class: 'link', onclick: () => void open(p) }, p))));
    if (!current && list.length) await open(list[0]);
    await showPreview();
  };
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });
  return { refresh };
}
