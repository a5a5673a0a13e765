/** 报告: the quarter's preview — the text, the figures, the PDF's pages, the fact check, the downloads. */
import * as pdfjs from 'pdfjs-dist';
import { api } from './api.js';
import { clear, h } from './dom.js';
import { failureView } from './problems.js';
import { waitJob } from './progress.js';
import type { App } from './app.js';
import type { FactCard, JobStarted, LinkedSpan, ReportView } from '../src/server/api-types.js';

pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdf.worker.min.mjs';

export type { ReportView } from '../src/server/api-types.js';

let openCard: HTMLElement | null = null;
document.addEventListener('click', (e) => {
  if (openCard && !openCard.contains(e.target as Node) && !(e.target as Element).closest?.('.fact')) closeCard();
});
document.addEventListener('keydown', (e) => e.key === 'Escape' && closeCard());
function closeCard(): void {
  openCard?.remove();
  openCard = null;
}

/** The fact behind a number or a district name, beside it. */
function showFact(anchor: HTMLElement, fact: FactCard): void {
  closeCard();
  const card = h(
    'div',
    { class: 'fact-card', id: 'fact-card', role: 'dialog' },
    h('h4', {}, fact.title),
    h(
      'table',
      {},
      h(
        'tbody',
        {},
        fact.rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v))),
      ),
    ),
  );
  document.body.append(card);
  const r = anchor.getBoundingClientRect();
  card.style.top = `${window.scrollY + r.bottom + 6}px`;
  card.style.left = `${Math.max(8, Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8))}px`;
  openCard = card;
}

function paragraph(text: string, links: LinkedSpan[]): HTMLElement {
  const p = h('p');
  let at = 0;
  for (const l of links) {
    if (l.start < at) continue;
    p.append(text.slice(at, l.start));
    // An inline link, not a button: the text keeps Chinese line breaking (no 、 at the start of a line).
    const b = h('a', { class: `fact ${l.kind}`, href: '#', role: 'button', title: l.fact.title }, text.slice(l.start, l.end));
    b.addEventListener('click', (e) => {
      e.preventDefault();
      showFact(b, l.fact);
    });
    p.append(b);
    at = l.end;
  }
  p.append(text.slice(at));
  return p;
}

/** The report's text as HTML: headings and paragraphs as the report has them, each number and district a link to its fact. */
export function textView(view: ReportView): HTMLElement {
  return h(
    'article',
    { class: 'report-text' },
    view.blocks.map((b) => (b.type === 'heading' ? h(b.level === 1 ? 'h2' : 'h3', {}, b.text) : paragraph(b.text, b.links))),
  );
}

export function factCheckLine(view: ReportView, opts: { brief?: boolean } = {}): HTMLElement {
  if (view.failure && opts.brief) return h('div', { class: 'factcheck bad', id: 'factcheck' }, '最新一次生成未成功（原因见左侧），下面是上一次成功的预览。');
  if (view.failure) return h('div', { class: 'factcheck bad', id: 'factcheck' }, failureView(view.failure), view.ready ? h('p', { class: 'muted' }, '下面仍是上一次成功的预览。') : null);
  if (!view.claims) return h('div', { class: 'factcheck', id: 'factcheck' }, '尚未生成。');
  const c = view.claims;
  return h('div', { class: 'factcheck ok', id: 'factcheck' }, `事实核查通过：文字中 ${c.narrative} 处、PDF 中 ${c.pdf} 处、Word 中 ${c.docx} 处陈述与事实台账一致。`, view.builtAt ? h('span', { class: 'muted' }, `　生成于 ${view.builtAt}`) : null);
}

const fileUrl = (q: string, rel: string, download = false) => `/api/report/${q}/file/${rel}${download ? '?download' : ''}`;

async function renderPdf(url: string, into: HTMLElement): Promise<void> {
  const doc = await pdfjs.getDocument({ url, isEvalSupported: false }).promise;
  clear(into);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: 1.2 });
    const canvas = h('canvas', { class: 'pdf-page', 'data-page': n, width: Math.floor(viewport.width), height: Math.floor(viewport.height) });
    into.append(h('figure', {}, canvas, h('figcaption', {}, `第 ${n} 页 / 共 ${doc.numPages} 页`)));
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  }
  await doc.destroy();
}

export function reportTab(app: App, root: HTMLElement): { refresh(): Promise<void> } {
  let shownBuild = '';
  // One refresh at a time; a request meanwhile runs once after it (the PDF's pages are drawn once, not twice).
  let running: Promise<void> | null = null;
  let again = false;
  const refresh = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = show().finally(() => (running = null));
    await running;
    if (again) {
      again = false;
      await refresh();
    }
  };
  const show = async (): Promise<void> => {
    const q = app.quarter;
    if (!q) {
      clear(root, h('h2', {}, '报告'), h('p', { class: 'muted' }, '还没有数据：请先在“数据”页上传数据表。'));
      return;
    }
    let view = await api<ReportView>('GET', `/api/report/${q}`);
    if (!view.ready && !view.failure) {
      clear(root, h('h2', {}, `报告 · ${q}`), h('p', { class: 'muted' }, '正在生成预览…'));
      const id = view.building ? null : (await api<JobStarted>('POST', `/api/report/${q}/build`)).job;
      if (id !== null) await waitJob(id);
      else await new Promise((r) => setTimeout(r, 500));
      if (app.quarter !== q) return;
      view = await api<ReportView>('GET', `/api/report/${q}`);
      if (!view.ready && !view.failure) return show();
    }
    const pdfBox = h('div', { class: 'pdf-pages', id: 'pdf-pages' });
    clear(
      root,
      h('h2', {}, `报告 · ${q}`),
      h(
        'div',
        { class: 'toolbar' },
        h('button', { onclick: () => void rebuild() }, '重新生成预览'),
        view.ready
          ? [
              h('a', { class: 'button', href: fileUrl(q, 'report.pdf', true) }, '下载 PDF'),
              h('a', { class: 'button', href: fileUrl(q, 'report.docx', true) }, '下载 Word'),
              h('a', { class: 'button', href: fileUrl(q, 'facts.json', true) }, '下载 facts.json'),
            ]
          : null,
      ),
      factCheckLine(view),
      view.ready
        ? h(
            'div',
            { class: 'report-columns' },
            h(
              'div',
              { class: 'col' },
              h('h3', {}, '文字'),
              textView(view),
              h('h3', {}, '图表'),
              view.figures.map((f) => h('figure', { class: 'figure' }, h('img', { src: fileUrl(q, f.file) + `?t=${encodeURIComponent(view.builtAt ?? '')}`, alt: f.caption }), h('figcaption', {}, f.caption))),
            ),
            h('div', { class: 'col' }, h('h3', {}, 'PDF 页面'), pdfBox),
          )
        : null,
    );
    if (view.ready) {
      shownBuild = view.builtAt ?? '';
      renderPdf(fileUrl(q, 'report.pdf') + `?t=${encodeURIComponent(shownBuild)}`, pdfBox).catch(() => clear(pdfBox, h('p', { class: 'error' }, 'PDF 页面显示失败，请直接下载 PDF 查看。')));
    }
  };
  const rebuild = async () => {
    const { job } = await api<JobStarted>('POST', `/api/report/${app.quarter}/build`);
    await waitJob(job);
    await refresh();
  };
  return { refresh };
}
