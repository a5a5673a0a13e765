/** The workbench page: four tabs (数据, 报告, 措辞, 归档) over one chosen quarter. */
import { api } from './api.js';
import { clear, h } from './dom.js';
import { connectEvents, onServerEvent } from './progress.js';
import { dataTab } from './data-tab.js';
import { reportTab } from './report-tab.js';
import { wordingTab } from './wording-tab.js';
import { archiveTab } from './archive-tab.js';
import type { DataState } from '../src/server/api-types.js';

type TabName = 'data' | 'report' | 'wording' | 'archive';
const TABS: TabName[] = ['data', 'report', 'wording', 'archive'];

export class App {
  quarter = '';
  private quarters: string[] = [];
  private tab: TabName = 'data';
  private readonly select = document.getElementById('quarter') as HTMLSelectElement;
  private readonly views: Record<TabName, { refresh(): Promise<void> }>;

  constructor() {
    const section = (t: TabName) => document.getElementById(`tab-${t}`)!;
    this.views = { data: dataTab(this, section('data')), report: reportTab(this, section('report')), wording: wordingTab(this, section('wording')), archive: archiveTab(this, section('archive')) };
    for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) b.addEventListener('click', () => this.show(b.dataset.tab as TabName));
    this.select.addEventListener('change', () => {
      this.quarter = this.select.value;
      location.hash = `${this.tab}/${this.quarter}`;
      void this.views[this.tab].refresh();
    });
    window.addEventListener('hashchange', () => this.fromHash());
  }

  /** The data's quarters changed (an upload): the selector follows, keeping the chosen one if it is still there. */
  quartersChanged(quarters: string[]): void {
    if (quarters.join() === this.quarters.join()) return;
    this.quarters = quarters;
    if (!quarters.includes(this.quarter)) this.quarter = quarters[quarters.length - 1] ?? '';
    clear(
      this.select,
      quarters.map((q) => h('option', { value: q, selected: q === this.quarter }, q)),
    );
  }

  show(tab: TabName): void {
    this.tab = tab;
    for (const t of TABS) {
      document.getElementById(`tab-${t}`)!.hidden = t !== tab;
      document.querySelector(`.tabs button[data-tab="${t}"]`)!.setAttribute('aria-selected', String(t === tab));
    }
    const hash = `#${tab}${this.quarter ? `/${this.quarter}` : ''}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    void this.views[tab].refresh().catch((e: Error) => clear(document.getElementById(`tab-${tab}`)!, h('p', { class: 'error' }, e.message)));
  }

  fromHash(): void {
    const [tab, quarter] = location.hash.slice(1).split('/');
    if (quarter && this.quarters.includes(quarter)) {
      this.quarter = quarter;
      this.select.value = quarter;
    }
    this.show(TABS.includes(tab as TabName) ? (tab as TabName) : this.quarters.length ? 'report' : 'data');
  }

  async start(): Promise<void> {
    connectEvents();
    onServerEvent((e) => {
      // New data (from this page or another tab): the report of the open quarter is rebuilt.
      if (e.type === 'data') this.quartersChanged(e.quarters as string[]);
      // A preview of the open quarter rebuilt (after new data, or from another tab): the report shows it.
      if (e.type === 'job' && e.kind === 'preview' && e.quarter === this.quarter && (e.state === 'done' || e.state === 'failed') && this.tab === 'report') void this.views.report.refresh();
    });
    const s = await api<DataState>('GET', '/api/data');
    this.quartersChanged(s.quarters);
    const [, quarter] = location.hash.slice(1).split('/');
    if (quarter && s.quarters.includes(quarter)) this.quarter = quarter;
    this.select.value = this.quarter;
    this.fromHash();
  }
}

void new App().start();
