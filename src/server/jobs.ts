/**
 * Builds, verifies and batches as jobs: one at a time per quarter (a second
 * request waits in the queue behind the first, never interleaved), each job's
 * progress published stage by stage to every open page (server-sent events).
 * Across processes the archive's own lock file still guards each quarter.
 */
import type { ServerResponse } from 'node:http';
import { describeFailure } from './messages.js';
import type { JobEvent, JobKind } from './api-types.js';

export const STAGE_NAMES: Record<string, string> = {
  load: '读取数据',
  compute: '计算指数',
  narrative: '撰写文字',
  figures: '绘制图表',
  model: '排版',
  pdf: '生成 PDF',
  docx: '生成 Word',
  factcheck: '事实核查',
  archive: '写入归档',
  write: '写入预览',
};

export const KIND_NAMES: Record<JobKind, string> = { preview: '预览', version: '生成版本', verify: '验证', batch: '批量生成' };

export type { JobEvent, JobKind } from './api-types.js';

export interface JobContext {
  stage(stage: string, ms?: number): void;
  note(text: string): void;
}

export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  attach(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': 已连接\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }
  publish(event: unknown): void {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const c of this.clients) c.write(line);
  }
  close(): void {
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}

interface Pending {
  id: number;
  kind: JobKind;
  promise: Promise<unknown>;
  started: boolean;
}

export class JobQueue {
  private nextId = 1;
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Jobs not yet started, by quarter and kind: a second preview request joins the queued one. */
  private readonly waiting = new Map<string, Pending>();
  private readonly active = new Set<Promise<unknown>>();

  constructor(private readonly hub: EventHub) {}

  /** Runs `work` after every earlier job of the quarter; resolves with its result or rejects with its error. */
  run<T>(kind: JobKind, quarter: string, work: (ctx: JobContext) => Promise<T>, opts: { coalesce?: boolean } = {}): { id: number; done: Promise<T> } {
    const key = `${quarter}\t${kind}`;
    const queued = opts.coalesce ? this.waiting.get(key) : undefined;
    if (queued && !queued.started) return { id: queued.id, done: queued.promise as Promise<T> };
    const id = this.nextId++;
    const publish = (e: Omit<JobEvent, 'type' | 'id' | 'kind' | 'quarter'>) => this.hub.publish({ type: 'job', id, kind, quarter, ...e });
    const pending: Pending = { id, kind, promise: Promise.resolve(), started: false };
    const ahead = this.tails.get(quarter);
    const before = ahead ?? Promise.resolve();
    if (ahead) publish({ state: 'queued' });
    const promise = before.then(async () => {
      pending.started = true;
      if (this.waiting.get(key) === pending) this.waiting.delete(key);
      const t0 = performance.now();
      publish({ state: 'running' });
      try {
        const result = await work({ stage: (stage, ms) => publish({ state: 'stage', stage: STAGE_NAMES[stage] ?? stage, ms }), note: (note) => publish({ state: 'stage', note }) });
        publish({ state: 'done', ms: performance.now() - t0, result });
        return result;
      } catch (e) {
        publish({ state: 'failed', ms: performance.now() - t0, failure: describeFailure(e) });
        throw e;
      }
    });
    pending.promise = promise;
    if (opts.coalesce) this.waiting.set(key, pending);
    const tail = promise.catch(() => undefined);
    this.tails.set(quarter, tail);
    this.active.add(tail);
    void tail.then(() => {
      this.active.delete(tail);
      if (this.tails.get(quarter) === tail) this.tails.delete(quarter);
    });
    return { id, done: promise };
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.all([...this.active]);
  }
}
