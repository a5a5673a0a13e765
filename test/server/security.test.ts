import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBench, form, type Bench } from './harness.js';
import { tempDir } from '../helpers.js';

/** A raw request (fetch would tidy the path and refuse to set Host). */
function raw(url: string, opts: { method?: string; path: string; headers?: Record<string, string> }): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => done({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('workbench security on 127.0.0.1', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await startBench({ uploadLimit: 2048 });
    writeFileSync(join(tempDir(), 'secret.txt'), 'x');
  });
  afterAll(() => b.close());

  it('listens on 127.0.0.1 and serves the page with its token', async () => {
    expect(b.serving.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(b.base + '/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`content="${b.serving.token}"`);
  });

  it('refuses a change without the token, with a wrong token, without or with a foreign Origin', async () => {
    const body = { text: 'x', base: 'y' };
    const noToken = await b.call('PUT', '/api/wording/file/report/lead.hbs', body, { 'x-scindex-token': undefined });
    expect(noToken.status).toBe(403);
    expect(noToken.json.message).toContain('访问令牌');
    expect((await b.call('PUT', '/api/wording/file/report/lead.hbs', body, { 'x-scindex-token': 'wrong-token-wrong-token' })).status).toBe(403);
    const noOrigin = await b.call('PUT', '/api/wording/file/report/lead.hbs', body, { origin: undefined });
    expect(noOrigin.status).toBe(403);
    expect(noOrigin.json.message).toContain('Origin');
    // Without an Origin, the browser's Sec-Fetch-Site (which no page can set) must say same-origin.
    expect((await b.call('PUT', '/api/wording/file/report/lead.hbs', body, { origin: undefined, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await b.call('PUT', '/api/wording/file/report/lead.hbs', body, { origin: undefined, 'sec-fetch-site': 'same-origin' })).status).toBe(409);
    expect((await b.call('POST', '/api/data/upload', form([{ name: 'a.csv', content: 'x' }]), { origin: 'http://evil.example' })).status).toBe(403);
    // nothing was written
    expect(readdirSync(b.data)).toEqual([]);
  });

  it('refuses a Host that is not this server (DNS rebinding)', async () => {
    const r = await raw(b.base, { path: '/api/data', headers: { host: `evil.example:${new URL(b.base).port}` } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).message).toContain('主机名');
  });

  it('keeps every path inside the workspace: no .., no absolute path, no hidden file, no symlink out', async () => {
    for (const path of ['/api/wording/file/..%2F..%2Fpackage.json', '/api/wording/file/%2Fetc%2Fpasswd', '/api/wording/file/report/..%2F..%2F..%2Fetc%2Fpasswd', '/api/report/2018Q3/file/..%2F..%2F.workbench%2Fx', '/api/wording/file/.git%2Fconfig']) {
      const r = await raw(b.base, { path });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body).message).toContain('工作区内');
    }
    symlinkSync('/etc', join(b.templates, 'report', 'etc.yaml'));
    const link = await raw(b.base, { path: '/api/wording/file/report/etc.yaml' });
    expect(link.status).toBe(400);
  });

  it('refuses an upload over the size limit and writes nothing', async () => {
    const r = await b.call('POST', '/api/data/upload', form([{ name: 'big.csv', content: 'x'.repeat(5000) }]));
    expect(r.status).toBe(413);
    expect(r.json.message).toContain('上限');
    expect(readdirSync(b.data)).toEqual([]);
    const name = await b.call('POST', '/api/data/upload', form([{ name: '../evil.csv', content: 'a' }]));
    expect([400, 422]).toContain(name.status);
    expect(existsSync(join(b.root, 'evil.csv'))).toBe(false);
    const type = await b.call('POST', '/api/data/upload', form([{ name: 'notes.txt', content: 'a' }]));
    expect(type.status).toBe(400);
    expect(type.json.message).toContain('CSV 或 XLSX');
  });
});

describe('workbench security when listening beyond this machine', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await startBench({ host: '0.0.0.0' });
  });
  afterAll(() => b.close());

  it('generates a token and refuses every request without it', async () => {
    expect(b.serving.token.length).toBeGreaterThanOrEqual(16);
    const port = new URL(b.base).port;
    const local = `http://127.0.0.1:${port}`;
    for (const path of ['/', '/api/data', '/app.js', '/api/events']) expect((await fetch(local + path)).status, path).toBe(401);
    // The printed address (with ?token=) sets a cookie and drops the token from the address bar.
    const first = await fetch(`${local}/?token=${b.serving.token}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(local + '/api/data', { headers: { cookie } })).status).toBe(200);
    // A change needs the token in its header and the page's own Origin: the cookie alone is not enough.
    const change = await fetch(local + '/api/verify', { method: 'POST', headers: { cookie, origin: local, 'content-type': 'application/json' }, body: '{}' });
    expect(change.status).toBe(403);
  });
});
