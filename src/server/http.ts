/**
 * The small HTTP layer of the workbench: a route table over Node's own `http`,
 * JSON replies, and errors that carry a Chinese message for the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Failure } from './api-types.js';

/** An error the page shows as it is: a status and a message in Chinese (plus details for tables). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Omit<Partial<Failure>, 'status' | 'message'> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface Request {
  raw: IncomingMessage;
  method: string;
  url: URL;
  /** Named parts of the route's path (`:quarter`) and the rest after `*`. */
  params: Record<string, string>;
}

export type Handler = (req: Request, res: ServerResponse) => Promise<void> | void;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];
  on(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, parts: path.split('/').filter(Boolean), handler });
    return this;
  }
  /** The handler and path parameters for a request, or undefined (404). */
  match(method: string, pathname: string): { handler: Handler; params: Record<string, string> } | 'wrong-method' | undefined {
    let segments: string[];
    try {
      segments = pathname
        .split('/')
        .filter(Boolean)
        .map((s) => decodeURIComponent(s));
    } catch {
      return undefined;
    }
    let methodMismatch = false;
    for (const route of this.routes) {
      const params = matchParts(route.parts, segments);
      if (!params) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      return { handler: route.handler, params };
    }
    return methodMismatch ? 'wrong-method' : undefined;
  }
}

function matchParts(parts: string[], segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '*') {
      params['*'] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return undefined;
    if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    else if (p !== segments[i]) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length, 'cache-control': 'no-store', ...headers });
  res.end(bytes);
}

export function sendBytes(res: ServerResponse, bytes: Uint8Array, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, ...headers });
  res.end(bytes);
}

/** The request body, refused past `limit` bytes (the connection is not read further). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export const tooLarge = (limit: number) => new HttpError(413, `上传的内容超过了 ${formatSize(limit)} 的上限。请只上传本季度的数据表，或把大表拆成几个文件。`);

export async function readJson<T>(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<T> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new HttpError(400, '请求的内容不是有效的 JSON。请刷新页面后再试。');
  }
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.ttf': 'font/ttf',
  '.csv': 'text/csv; charset=utf-8',
};
