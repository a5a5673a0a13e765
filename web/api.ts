/** Requests to the workbench's server: the token in a header, failures as ApiError with the server's Chinese message. */
const token = document.querySelector<HTMLMetaElement>('meta[name="scindex-token"]')?.content ?? '';

import type { Failure } from '../src/server/api-types.js';

export type { Failure } from '../src/server/api-types.js';

export class ApiError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { 'x-scindex-token': token } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError({ status: 0, message: '连接不上工作台：终端里的工作台是否已停止？请重新运行 npm start 后刷新页面。' });
  }
  const data = (await res.json().catch(() => ({ message: `服务器返回了无法识别的内容（${res.status}）。` }))) as T & Failure;
  if (!res.ok && !(res.status === 422 && 'ok' in data)) throw new ApiError({ ...data, status: res.status });
  return data;
}
