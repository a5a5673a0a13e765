/** A workbench on a random port over a fresh workspace (its own copy of the templates), and a client that speaks as its page does. */
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type ServeOptions, type Serving } from '../../src/server/index.js';
import { DEFAULT_TEMPLATES } from '../../src/report.js';
import { tempDir } from '../helpers.js';

export interface Bench {
  serving: Serving;
  root: string;
  data: string;
  out: string;
  templates: string;
  base: string;
  origin: string;
  /** A request as the page makes it (token header, own Origin) unless `headers` says otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string | undefined>): Promise<{ status: number; json: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startBench(opts: Partial<ServeOptions> = {}): Promise<Bench> {
  const root = tempDir('scindex-serve-');
  const templates = join(root, 'templates');
  cpSync(DEFAULT_TEMPLATES, templates, { recursive: true });
  const data = join(root, 'data');
  const out = join(root, 'out');
  mkdirSync(data);
  const serving = await startServer({ data, out, templates, port: 0, warm: false, ...opts });
  const base = serving.url.replace(/\/$/, '');
  const origin = base;
  const call: Bench['call'] = async (method, path, body, headers = {}) => {
    const h: Record<string, string> = { 'x-scindex-token': serving.token, origin };
    for (const [k, v] of Object.entries(headers)) {
      if (v === undefined) delete h[k];
      else h[k] = v;
    }
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, headers: res.headers };
  };
  return { serving, root, data, out, templates, base, origin, call, close: () => serving.close() };
}

export function form(files: { name: string; content: string | Uint8Array }[]): FormData {
  const f = new FormData();
  for (const file of files) f.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
  return f;
}
