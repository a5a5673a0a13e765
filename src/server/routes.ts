/** The workbench's API: one route per thing the page does. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { ServerResponse } from 'node:http';
import { loadInputs } from '../pipeline.js';
import { parseQuarter } from '../quarter.js';
import { HttpError, MIME, readJson, Router, sendBytes, sendJson, type Request } from './http.js';
import { insideRoot } from './security.js';
import { acceptUploads, listData, readUploads, restorePrevious } from './data.js';
import { listWording, readWording, saveWording, undoWording } from './wording.js';
import { allVersions, buildAll, buildNewVersion, findVersion, issue, listArchive, readChanges, verifyMany } from './archive.js';
import { previewDir } from './preview.js';
import { reportView } from './report-view.js';
import { describeFailure } from './messages.js';
import type { Workbench } from './index.js';
import type { ArchiveList, DataState, JobStarted, UploadResult, WordingList, WordingSaved } from './api-types.js';

const quarterParam = (req: Request) => {
  const q = parseQuarter(req.params.quarter ?? '');
  if (!q) throw new HttpError(400, `“${req.params.quarter}”不是季度，请写成 2018Q3 的形式。`);
  return q;
};
const versionParam = (req: Request) => Number(/^v?(\d+)$/.exec(req.params.version ?? '')?.[1] ?? NaN);

function sendFile(res: ServerResponse, file: string, download?: string): void {
  if (!existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, '文件不存在（可能还没有生成）。');
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (download) headers['content-disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(download)}`;
  sendBytes(res, readFileSync(file), MIME[extname(file)] ?? 'application/octet-stream', headers);
}

export function apiRoutes(wb: Workbench): Router {
  const r = new Router();
  r.on('GET', '/api/events', (_req, res) => wb.hub.attach(res));
  dataRoutes(r, wb);
  reportRoutes(r, wb);
  wordingRoutes(r, wb);
  archiveRoutes(r, wb);
  return r;
}

function dataRoutes(r: Router, wb: Workbench): void {
  const { ws } = wb;

  r.on('GET', '/api/data', async (_req, res) => {
    let quarters: string[] = [];
    let failure = null;
    if (listData(ws).length) {
      try {
        quarters = (await loadInputs({ data: ws.data, config: ws.config })).dataset.quarters;
      } catch (e) {
        failure = describeFailure(e, (f) => f.split('/').pop()!);
      }
    }
    sendJson(res, 200, { files: listData(ws), quarters, failure, limit: wb.uploadLimit } satisfies DataState);
  });
  r.on('POST', '/api/data/upload', async (req, res) => {
    const uploads = await readUploads(req.raw, wb.uploadLimit);
    const result = await wb.exclusive(() => acceptUploads(ws, uploads));
    // The previews rebuilt with the new data, by quarter: their jobs' ids.
    const previews = result.ok ? wb.afterDataChange(result.quarters) : {};
    sendJson(res, result.ok ? 200 : 422, { ...result, previews } satisfies UploadResult);
  });
  r.on('POST', '/api/data/restore', async (req, res) => {
    const body = await readJson<{ name: string; id: string }>(req.raw);
    const result = await wb.exclusive(() => restorePrevious(ws, String(body.name ?? ''), String(body.id ?? '')));
    if (result.ok) wb.afterDataChange(result.quarters);
    sendJson(res, result.ok ? 200 : 422, result);
  });
}

function reportRoutes(r: Router, wb: Workbench): void {
  const { ws } = wb;
  r.on('GET', '/api/report/:quarter', (req, res) => sendJson(res, 200, reportView(wb, quarterParam(req))));
  r.on('POST', '/api/report/:quarter/build', (req, res) => {
    const job = wb.preview(quarterParam(req));
    sendJson(res, 202, { job } satisfies JobStarted);
  });
  r.on('GET', '/api/report/:quarter/file/*', (req, res) => {
    const q = quarterParam(req);
    const rel = req.params['*'];
    sendFile(res, insideRoot(previewDir(ws, q), rel), req.url.searchParams.has('download') ? `${q}-预览-${rel.split('/').pop()}` : undefined);
  });
}

function wordingRoutes(r: Router, wb: Workbench): void {
  const { ws } = wb;
  r.on('GET', '/api/wording', (_req, res) => sendJson(res, 200, { files: listWording(ws) } satisfies WordingList));
  r.on('GET', '/api/wording/file/*', (req, res) => sendJson(res, 200, readWording(ws, req.params['*'])));
  r.on('PUT', '/api/wording/file/*', async (req, res) => {
    const body = await readJson<{ text: string; base: string; quarter?: string }>(req.raw);
    const saved = await wb.exclusive(async () => saveWording(ws, req.params['*'], body.text, String(body.base ?? '')));
    sendJson(res, 200, { file: saved, job: body.quarter ? wb.preview(parseQuarter(body.quarter) ?? '') : null } satisfies WordingSaved);
  });
  r.on('POST', '/api/wording/undo/*', async (req, res) => {
    const body = await readJson<{ base: string; quarter?: string }>(req.raw);
    const restored = await wb.exclusive(async () => undoWording(ws, req.params['*'], String(body.base ?? '')));
    sendJson(res, 200, { file: restored, job: body.quarter ? wb.preview(parseQuarter(body.quarter) ?? '') : null } satisfies WordingSaved);
  });
}

function archiveRoutes(r: Router, wb: Workbench): void {
  const { ws } = wb;
  r.on('GET', '/api/archive', (_req, res) => sendJson(res, 200, { quarters: listArchive(ws) } satisfies ArchiveList));
  r.on('POST', '/api/archive/:quarter/build', async (req, res) => {
    const q = quarterParam(req);
    const body = await readJson<{ issue?: string }>(req.raw);
    const job = wb.jobs.run('version', q, (ctx) => buildNewVersion(ws, q, body.issue, ctx));
    job.done.catch(() => undefined);
    sendJson(res, 202, { job: job.id } satisfies JobStarted);
  });
  r.on('POST', '/api/archive/:quarter/:version/issue', async (req, res) => {
    const q = quarterParam(req);
    const body = await readJson<{ issue: string; note?: string }>(req.raw);
    const job = wb.jobs.run('version', q, async () => issue(ws, q, versionParam(req), String(body.issue ?? ''), String(body.note ?? '')));
    sendJson(res, 200, { version: await job.done });
  });
  r.on('GET', '/api/archive/:quarter/:version/changes', (req, res) => sendJson(res, 200, readChanges(ws, quarterParam(req), versionParam(req))));
  r.on('GET', '/api/archive/:quarter/:version/file/*', (req, res) => {
    const q = quarterParam(req);
    const info = findVersion(ws, q, versionParam(req));
    const rel = req.params['*'];
    sendFile(res, insideRoot(info.dir, rel), `${q}-v${info.version}-${rel.split('/').pop()}`);
  });
  r.on('POST', '/api/batch', (_req, res) => {
    // Under the whole archive's name: a quarter's own build meanwhile meets the archive's lock and is refused clearly.
    const job = wb.jobs.run('batch', '全部季度', (ctx) => buildAll(ws, ctx));
    job.done.catch(() => undefined);
    sendJson(res, 202, { job: job.id } satisfies JobStarted);
  });
  r.on('POST', '/api/verify', async (req, res) => {
    const body = await readJson<{ quarter?: string; version?: number }>(req.raw);
    const versions = body.quarter ? (body.version ? [findVersion(ws, parseQuarter(body.quarter) ?? '', Number(body.version))] : allVersions(ws).filter((v) => v.quarter === body.quarter)) : allVersions(ws);
    if (!versions.length) throw new HttpError(404, '归档中还没有可验证的版本。');
    const job = wb.jobs.run('verify', body.quarter ?? '全部', (ctx) => verifyMany(versions, ctx));
    job.done.catch(() => undefined);
    sendJson(res, 202, { job: job.id } satisfies JobStarted);
  });
}
