/**
 * The workbench's security rules. It listens on 127.0.0.1 unless told otherwise;
 * listening elsewhere needs an access token, without which every request is
 * refused. Every request that changes anything carries the token in a header and
 * comes from the page's own origin (a page of another site cannot set that header
 * nor fake its Origin). The Host header must name this server, so a DNS name
 * pointed at 127.0.0.1 (DNS rebinding) does not reach it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

export const TOKEN_HEADER = 'x-scindex-token';
export const TOKEN_COOKIE = 'scindex_token';

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

export interface Access {
  token: string;
  /** True when the server listens beyond this machine: then reading needs the token too. */
  remote: boolean;
  /** host:port names this server answers to (the Host header); empty when it listens on every interface (then the token guards it). */
  hosts: Set<string>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Throws an HttpError (in Chinese) unless the request may go ahead. */
export function checkRequest(req: IncomingMessage, url: URL, access: Access): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (access.hosts.size && !access.hosts.has(host)) throw new HttpError(403, `拒绝访问：请求的主机名“${host || '（无）'}”不是本工作台的地址。请使用启动时打印的地址。`);
  const method = req.method ?? 'GET';
  const headerToken = req.headers[TOKEN_HEADER] as string | undefined;
  if (MUTATING.has(method)) {
    // Same origin: the page that sends the change was served by this server under the same name.
    // Chromium leaves the Origin out of some same-origin requests; then its Sec-Fetch-Site
    // (which no page can set) must say same-origin. A request with neither is refused.
    const origin = req.headers.origin;
    const sameOrigin = origin ? originHost(origin) === host : req.headers['sec-fetch-site'] === 'same-origin';
    if (!sameOrigin) throw new HttpError(403, '拒绝修改：请求不是从本工作台的页面发出的（来源 Origin 不符）。请在工作台页面中操作。');
    if (!sameToken(headerToken, access.token)) throw new HttpError(403, '拒绝修改：缺少或错误的访问令牌。请刷新工作台页面；远程访问请使用启动时打印的带令牌的地址。');
    return;
  }
  if (!access.remote) return;
  const given = headerToken ?? url.searchParams.get('token') ?? cookie(req, TOKEN_COOKIE);
  if (!sameToken(given ?? undefined, access.token)) throw new HttpError(401, '需要访问令牌：请使用工作台启动时打印的完整地址（含 ?token=…）打开页面。');
}

function originHost(origin: string): string {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' ? u.host.toLowerCase() : '';
  } catch {
    return '';
  }
}

/**
 * A path from a request, resolved inside `root`: no absolute paths, no `..`, no
 * hidden names, and no symbolic link that leads out of the folder.
 */
export function insideRoot(root: string, rel: string, what = '文件'): string {
  const bad = () => new HttpError(400, `拒绝访问${what}“${rel}”：路径必须位于工作区内（不能是绝对路径，不能含“..”或隐藏文件）。`);
  if (!rel || rel.includes('\0') || rel.includes('\\') || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) throw bad();
  const parts = rel.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))) throw bad();
  const base = realpathSync(resolve(root));
  const path = join(base, ...parts);
  if (relative(base, path).startsWith('..')) throw bad();
  // Every existing step of the path must be a real folder or file inside the root.
  let step = base;
  for (const p of parts) {
    step = join(step, p);
    if (!existsSync(step) && !isLink(step)) break;
    if (isLink(step)) {
      let target: string;
      try {
        target = realpathSync(step);
      } catch {
        throw bad();
      }
      if (target !== base && !target.startsWith(base + sep)) throw bad();
    }
  }
  return path;
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
