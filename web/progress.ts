/**
 * Progress of every build, verify and batch, stage by stage, from the server's
 * event stream; and a way to wait for one job's end.
 */
import type { JobEvent, JobKind } from '../src/server/api-types.js';
import { clear, h } from './dom.js';

export type { JobEvent } from '../src/server/api-types.js';

const KIND: Record<JobKind, string> = { preview: '预览', version: '生成版本', verify: '验证', batch: '批量生成' };
const finished = new Map<number, JobEvent>();
const waiters = new Map<number, ((e: JobEvent) => void)[]>();
const listeners: ((e: { type: string; [k: string]: unknown }) => void)[] = [];
const panels = new Map<number, { el: HTMLElement; stages: HTMLElement; timer?: number }>();

export function onServerEvent(listener: (e: { type: string; [k: string]: unknown }) => void): void {
  listeners.push(listener);
}

/** Resolves with the job's last event (done or failed). */
export function waitJob(id: number): Promise<JobEvent> {
  const done = finished.get(id);
  if (done) return Promise.resolve(done);
  return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
}

function show(e: JobEvent): void {
  const root = document.getElementById('progress')!;
  let panel = panels.get(e.id);
  if (!panel) {
    const stages = h('ol', { class: 'stages' });
    const el = h('div', { class: 'job', 'data-job': e.id }, h('div', { class: 'job-title' }, `${KIND[e.kind] ?? e.kind} · ${e.quarter}`), stages);
    root.prepend(el);
    panel = { el, stages };
    panels.set(e.id, panel);
  }
  const title = panel.el.querySelector('.job-title')!;
  const ms = e.ms !== undefined ? `${(e.ms / 1000).toFixed(2)} 秒` : '';
  if (e.state === 'queued') panel.stages.append(h('li', {}, '排队等候（同一季度一次只做一个任务）'));
  if (e.state === 'running') panel.stages.append(h('li', {}, '开始'));
  if (e.state === 'stage') panel.stages.append(h('li', { class: 'ok' }, e.stage ? `${e.stage} ✓ ${ms}` : (e.note ?? '')));
  if (e.state === 'done' || e.state === 'failed') {
    panel.el.classList.add(e.state);
    clear(title, `${KIND[e.kind] ?? e.kind} · ${e.quarter}：${e.state === 'done' ? `完成（${ms}）` : '失败'}`);
    if (e.failure) panel.stages.append(h('li', { class: 'bad' }, e.failure.message));
    panel.timer = window.setTimeout(
      () => {
        panel!.el.remove();
        panels.delete(e.id);
      },
      e.state === 'done' ? 6000 : 15000,
    );
  }
}

export function connectEvents(): void {
  const source = new EventSource('/api/events');
  source.onmessage = (m) => {
    const e = JSON.parse(m.data as string) as { type: string; [k: string]: unknown };
    if (e.type === 'job') {
      const job = e as unknown as JobEvent;
      show(job);
      if (job.state === 'done' || job.state === 'failed') {
        finished.set(job.id, job);
        for (const w of waiters.get(job.id) ?? []) w(job);
        waiters.delete(job.id);
      }
    }
    for (const l of listeners) l(e);
  };
}
