/**
 * The editors' workbench: a local web server in the warm process, in Chinese.
 * `scindex serve` (and `npm start`) start it; the page does the whole quarterly
 * job — data, report, wording, archive — through the pipeline and the archive
 * underneath, never a second code path.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { HttpError, sendBytes, sendJson } from './http.js';
import { checkRequest, isLoopback, newToken, TOKEN_COOKIE, type Access } from './security.js';
import { bundleApp, pageHtml, STATIC } from './assets.js';
import { apiRoutes } from './routes.js';
import { EventHub, JobQueue } from './jobs.js';
import { Previews } from './preview.js';
import { describeFailure } from './messages.js';
import { DEFAULT_UPLOAD_LIMIT } from './data.js';
import { listData } from './data.js';
import { loadInputs } from '../pipeline.js';
import { openWorkspace, type Workspace } from './workspace.js';

export interface ServeOptions {
  data: string;
  out: string;
  templates?: string;
  config?: string;
  host?: string;
  port?: number;
  /** The access token; generated when not given. */
  token?: string;
  uploadLimit?: number;
  /** Build the preview of the latest quarter at start (keeps the process warm for the first edit). */
  warm?: boolean;
}

export class Workbench {
  readonly hub = new EventHub();
  readonly jobs = new JobQueue(this.hub);
  readonly previews: Previews;
  private readonly building = new Map<string, number>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly ws: Workspace,
    readonly uploadLimit: number,
  ) {
    this.previews = new Previews(ws);
  }

  /** Runs changes to the workspace's files one after another (two uploads never mix). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.then(work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  isBuilding(quarter: string): boolean {
    return (this.building.get(quarter) ?? 0) > 0;
  }

  /** Queues a preview build of the quarter (joining one already waiting); returns the job's id. */
  preview(quarter: string): number {
    if (!quarter) throw new HttpError(400, '请先选择季度。');
    this.building.set(quarter, (this.building.get(quarter) ?? 0) + 1);
    // The event carries a summary; the page reads the preview itself from /api/report.
    const job = this.jobs.run('preview', quarter, async (ctx) => ({ claims: (await this.previews.build(quarter, ctx)).good?.claims }), { coalesce: true });
    void job.done.catch(() => undefined).finally(() => this.building.set(quarter, Math.max(0, (this.building.get(quarter) ?? 1) - 1)));
    return job.id;
  }

  /** New data: every preview built before is rebuilt (its quarter still in the data), and the pages are told. */
  afterDataChange(quarters: string[]): Record<string, number> {
    const jobs: Record<string, number> = {};
    for (const q of this.previews.built()) if (quarters.includes(q)) jobs[q] = this.preview(q);
    this.hub.publish({ type: 'data', quarters });
    return jobs;
  }
}

export interface Serving {
  url: string;
  /** The address to give a browser (with the token when the server listens beyond this machine). */
  openUrl: string;
  token: string;
  workbench: Workbench;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<Serving> {
  const host = opts.host ?? '127.0.0.1';
  const remote = !isLoopback(host);
  if (remote && opts.token !== undefined && opts.token.length < 16) throw new HttpError(400, '访问令牌至少要 16 个字符。');
  const token = opts.token ?? newToken();
  const ws = openWorkspace(opts);
  const wb = new Workbench(ws, opts.uploadLimit ?? DEFAULT_UPLOAD_LIMIT);
  const app = await bundleApp();
  const routes = apiRoutes(wb);
  const access: Access = { token, remote, hosts: new Set() };

  const server: Server = createServer((raw, res) => {
    const url = new URL(raw.url ?? '/', 'http://workbench');
    // same-origin, not no-referrer: under no-referrer the browser sends "Origin: null" with the page's own changes.
    const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' };
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    void (async () => {
      checkRequest(raw, url, access);
      const method = raw.method ?? 'GET';
      if (method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
        if (remote && url.searchParams.get('token') === token) {
          // The token from the printed address becomes a cookie, and the address bar loses it.
          res.writeHead(303, { location: '/', 'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
          res.end();
          return;
        }
        sendBytes(res, pageHtml(token), 'text/html; charset=utf-8', {
          'cache-control': 'no-store',
          'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'",
        });
        return;
      }
      if (method === 'GET' && url.pathname === '/app.js') return sendBytes(res, app, 'text/javascript; charset=utf-8', { 'cache-control': 'no-cache' });
      const asset = method === 'GET' ? STATIC[url.pathname] : undefined;
      if (asset) return sendBytes(res, readFileSync(asset.file), asset.type, { 'cache-control': 'max-age=3600' });
      const found = routes.match(method, url.pathname);
      if (found === 'wrong-method') throw new HttpError(405, '不支持这种请求方式。');
      if (!found) throw new HttpError(404, '没有这个页面或接口。');
      await found.handler({ raw, method, url, params: found.params }, res);
    })().catch((e: unknown) => {
      const f = describeFailure(e);
      if (!res.headersSent) sendJson(res, f.status, f);
      else res.end();
      // The rest of a refused upload is not read: the connection closes after the reply.
      if (!raw.complete) raw.resume();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8080, host, () => done());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  // Bound to every interface, the server cannot know the names it is reached by: the token (needed for every request) guards it.
  const wildcard = host === '0.0.0.0' || host === '::';
  if (!wildcard) for (const h of [`${shown}:${port}`, ...(isLoopback(host) ? [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`] : [])]) access.hosts.add(h.toLowerCase());
  const url = `http://${shown}:${port}/`;

  if (opts.warm !== false) void warmUp(wb);
  return {
    url,
    openUrl: remote ? `${url}?token=${token}` : url,
    token,
    workbench: wb,
    close: async () => {
      wb.hub.close();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await wb.jobs.idle();
    },
  };
}

/** The latest quarter's preview built at start, so the first edit finds the process warm. */
async function warmUp(wb: Workbench): Promise<void> {
  if (!listData(wb.ws).length) return;
  try {
    const { quarter } = await loadInputs({ data: wb.ws.data, config: wb.ws.config });
    wb.preview(quarter);
  } catch {
    /* invalid data: the 数据 page shows why */
  }
}
