/**
 * 措辞: the wording (wording.yaml) and the paragraph templates in a code editor.
 * Saving rebuilds the preview; a template error is marked at its line, a
 * fact-check failure names its sentence, and the last good preview stays.
 */
import { api, type ApiError, type Failure } from './api.js';
import { clear, h } from './dom.js';
import { CodeEditor } from './editor.js';
import { failureView } from './problems.js';
import { waitJob } from './progress.js';
import { factCheckLine, textView, type ReportView } from './report-tab.js';
import type { App } from './app.js';
import type { WordingFile, WordingList, WordingSaved } from '../src/server/api-types.js';

/** The page's parts: the file list, the editor column (buttons, status, editor) and the preview column. */
function wordingLayout(root: HTMLElement) {
  const parts = {
    files: h('ul', { class: 'file-menu', id: 'wording-files' }),
    title: h('h3', { id: 'wording-path' }),
    status: h('div', { class: 'status', id: 'wording-status' }),
    host: h('div', { class: 'editor', id: 'editor' }),
    preview: h('div', { class: 'preview', id: 'wording-preview' }),
    saveButton: h('button', { id: 'save' }, '保存（Ctrl+S）'),
    undoButton: h('button', { id: 'undo' }, '撤销上次保存'),
    reloadButton: h('button', { id: 'reload' }, '重新载入'),
  };
  const { files, title, status, host, preview, saveButton, undoButton, reloadButton } = parts;
  clear(
    root,
    h('h2', {}, '措辞'),
    h('p', { class: 'muted' }, '修改报告的措辞（wording.yaml）和各段落模板。保存后预览自动重新生成；如果模板出错或文字与事实不符，会指出出错的行或句子，上一次成功的预览保持不变。'),
    h(
      'div',
      { class: 'wording' },
      h('nav', {}, files),
      h('div', { class: 'edit-col' }, title, h('div', { class: 'toolbar' }, saveButton, undoButton, reloadButton), status, host),
      h('div', { class: 'preview-col' }, h('h3', {}, '预览（文字）'), preview),
    ),
  );
  return parts;
}

/** The preview column: the fact check's line and the text of the last good preview. */
async function showTextPreview(quarter: string, into: HTMLElement): Promise<void> {
  if (!quarter) return;
  const view = await api<ReportView>('GET', `/api/report/${quarter}`);
  clear(into, factCheckLine(view, { brief: true }), view.ready ? textView(view) : null);
}

/** The line to mark in the open file: a template error's, when it is in this file. */
function errorLineIn(f: Failure, path: string | undefined): number | null {
  const t = f.template;
  return t && t.line !== null && path && (!t.file || path.endsWith(t.file) || t.file.endsWith(path)) ? t.line : null;
}

export function wordingTab(app: App, root: HTMLElement): { refresh(): Promise<void> } {
  const { files, title, status, host, preview, saveButton, undoButton, reloadButton } = wordingLayout(root);
  let current: WordingFile | null = null;
  let dirty = false;
  const editor = new CodeEditor(
    host,
    () => void save(),
    () => {
      dirty = current !== null && editor.text !== current.text;
      saveButton.classList.toggle('primary', dirty);
    },
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

  const showPreview = () => showTextPreview(app.quarter, preview);

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
    editor.markLine(errorLineIn(f, current?.path));
  };

  /** A save or an undo: the server answers with the file as it now is and the preview's job. */
  const submit = async (request: () => Promise<WordingSaved>, reload: boolean) => {
    try {
      const r = await request();
      current = r.file;
      if (reload) editor.load(current.text, current.path);
      dirty = false;
      saveButton.classList.remove('primary');
      undoButton.toggleAttribute('disabled', current.undo === 0);
      await afterBuild(r.job);
    } catch (e) {
      showFailure((e as ApiError).failure);
    }
  };
  const save = async () => {
    if (!current) return;
    const file = current;
    await submit(() => api<WordingSaved>('PUT', `/api/wording/file/${file.path}`, { text: editor.text, base: file.version, quarter: app.quarter }), false);
  };
  saveButton.addEventListener('click', () => void save());
  reloadButton.addEventListener('click', () => {
    if (current) {
      dirty = false;
      void open(current.path);
    }
  });
  undoButton.addEventListener('click', () => {
    const file = current;
    if (!file || !confirm(`把“${file.path}”恢复为上次保存之前的内容？`)) return;
    void submit(() => api<WordingSaved>('POST', `/api/wording/undo/${file.path}`, { base: file.version, quarter: app.quarter }), true);
  });

  const refresh = async () => {
    const { files: list } = await api<WordingList>('GET', '/api/wording');
    clear(
      files,
      list.map((p) => h('li', { 'data-path': p }, h('button', { class: 'link', onclick: () => void open(p) }, p))),
    );
    if (!current && list.length) await open(list[0]);
    await showPreview();
  };
  window.addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });
  return { refresh };
}
