import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { startBench, form, type Bench } from './harness.js';

const SAMPLE = readdirSync(SAMPLE_DATA)
  .sort()
  .map((name) => ({ name, content: readFileSync(join(SAMPLE_DATA, name)) }));
const file2018 = SAMPLE.find((f) => f.name.includes('2018'))!;

/** The 2018 file with one cell changed: 渝北区's 新注册企业数 in 2018Q3. */
function corrected(): { name: string; content: string } {
  const lines = file2018.content.toString('utf8').split('\n');
  const i = lines.findIndex((l) => l.includes('2018Q3') && l.includes('城口县'));
  const cells = lines[i].split(',');
  cells[2] = String(Number(cells[2]) + 300);
  lines[i] = cells.join(',');
  return { name: file2018.name, content: lines.join('\n') };
}

describe('workbench API: data, wording, preview, archive', () => {
  let b: Bench;
  beforeAll(async () => {
    b = await startBench();
  }, 60_000);
  afterAll(() => b.close());

  it('refuses a bad file with its row and column, and keeps nothing', async () => {
    const bad = file2018.content.toString('utf8').replace('渝北区', '渝bei区');
    const r = await b.call('POST', '/api/data/upload', form([{ name: '坏数据.csv', content: bad }]));
    expect(r.status).toBe(422);
    expect(r.json.ok).toBe(false);
    const p = r.json.failure.problems.find((x: { message: string }) => x.message.includes('渝bei区'));
    expect(p).toMatchObject({ file: '坏数据.csv', column: expect.stringContaining('B') });
    expect(p.row).toBeGreaterThan(1);
    expect(readdirSync(b.data)).toEqual([]);
  });

  it('accepts the sample data and lists its quarters', async () => {
    const r = await b.call('POST', '/api/data/upload', form(SAMPLE));
    expect(r.status).toBe(200);
    expect(r.json.files.map((f: { status: string }) => f.status)).toEqual(['new', 'new']);
    expect(r.json.quarters).toContain('2018Q3');
    const again = await b.call('POST', '/api/data/upload', form([file2018]));
    expect(again.json.files[0].status).toBe('unchanged');
  });

  it('builds the preview in the warm process: text with linked facts, figures, fact check', async () => {
    const r = await b.call('POST', '/api/report/2018Q3/build');
    expect(r.status).toBe(202);
    await b.serving.workbench.jobs.idle();
    const view = (await b.call('GET', '/api/report/2018Q3')).json;
    expect(view.ready).toBe(true);
    expect(view.failure).toBeNull();
    // The PDF and the Word file are checked for the narrative's sentences in order, then only their own text is claimed again.
    expect(view.claims.narrative).toBeGreaterThan(100);
    expect(view.claims.pdf).toEqual(expect.any(Number));
    expect(view.figures.length).toBeGreaterThan(5);
    const paragraphs = view.blocks.filter((x: { type: string }) => x.type === 'paragraph');
    const links = paragraphs.flatMap((p: { text: string; links: { start: number; end: number; fact: { rows: [string, string][] } }[] }) => p.links.map((l) => ({ text: p.text.slice(l.start, l.end), rows: Object.fromEntries(l.fact.rows) })));
    const score = links.find((l: { rows: Record<string, string> }) => l.rows['度量'] === '指数得分' && l.rows['区县']);
    expect(score.rows['数据来源']).toMatch(/双创指标_2018\.csv 第\d+行/);
    expect(Number(score.rows['台账中的值']).toFixed(2)).toBe(score.text);
    expect(links.some((l: { text: string; rows: Record<string, string> }) => l.text === '渝北区' && l.rows['类别'])).toBe(true);
    const pdf = await fetch(`${b.base}/api/report/2018Q3/file/report.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  }, 120_000);

  it('saves a template atomically, refuses a save based on an old copy, and undoes a save', async () => {
    const path = 'report/lead.hbs';
    const first = (await b.call('GET', `/api/wording/file/${path}`)).json;
    const edited = first.text.replace('客观反映', '如实反映');
    expect(edited).not.toBe(first.text);
    const saved = await b.call('PUT', `/api/wording/file/${path}`, { text: edited, base: first.version });
    expect(saved.status).toBe(200);
    expect(readFileSync(join(b.templates, path), 'utf8')).toBe(edited);
    // A second tab still holding the first copy
    const stale = await b.call('PUT', `/api/wording/file/${path}`, { text: first.text + '另一个标签页', base: first.version });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toContain('另一个标签页');
    expect(readFileSync(join(b.templates, path), 'utf8')).toBe(edited);
    const undone = await b.call('POST', `/api/wording/undo/${path}`, { base: saved.json.file.version });
    expect(undone.json.file.text).toBe(first.text);
    expect(readFileSync(join(b.templates, path), 'utf8')).toBe(first.text);
    // no temporary file left beside the template
    expect(readdirSync(join(b.templates, 'report')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('shows a template error with its line and keeps the last good preview', async () => {
    const pdfBefore = readFileSync(join(b.out, '2018Q3/preview/report.pdf'));
    const path = 'report/lead.hbs';
    const cur = (await b.call('GET', `/api/wording/file/${path}`)).json;
    const r = await b.call('PUT', `/api/wording/file/${path}`, { text: cur.text + '\n{{#paragraph "x"}}{{nosuchfield}}{{/paragraph}}\n', base: cur.version, quarter: '2018Q3' });
    await b.serving.workbench.jobs.idle();
    const view = (await b.call('GET', '/api/report/2018Q3')).json;
    expect(view.failure.message).toContain('模板有错误');
    expect(view.failure.template.line).toBeGreaterThan(0);
    expect(view.ready).toBe(true);
    expect(Buffer.compare(readFileSync(join(b.out, '2018Q3/preview/report.pdf')), pdfBefore)).toBe(0);
    await b.call('POST', `/api/wording/undo/${path}`, { base: r.json.file.version, quarter: '2018Q3' });
    await b.serving.workbench.jobs.idle();
    expect((await b.call('GET', '/api/report/2018Q3')).json.failure).toBeNull();
  }, 120_000);

  it('builds, issues (checking the 期号) and corrects a version; the correction has its changes and 更正说明', async () => {
    await b.call('POST', '/api/archive/2018Q3/build', { issue: '2018年第6期' });
    await b.serving.workbench.jobs.idle();
    let list = (await b.call('GET', '/api/archive')).json.quarters[0];
    expect(list.versions).toHaveLength(1);
    const v1 = list.versions[0];
    expect(v1).toMatchObject({ version: 1, state: '草稿', issue: '2018年第6期' });
    expect(v1.builtAt).toContain('北京时间');
    const wrong = await b.call('POST', '/api/archive/2018Q3/1/issue', { issue: '2099年第1期', note: '' });
    expect(wrong.status).toBe(409);
    expect(wrong.json.message).toContain(v1.issue);
    const ok = await b.call('POST', '/api/archive/2018Q3/1/issue', { issue: v1.issue, note: '主编审定' });
    expect(ok.json, JSON.stringify(ok.json)).toHaveProperty('version');
    expect(ok.json.version.state).toBe('已发布');
    expect((await b.call('POST', '/api/archive/2018Q3/1/issue', { issue: v1.issue })).status).toBe(409);

    const factsBefore = readFileSync(join(b.out, '2018Q3/preview/facts.json'), 'utf8');
    const up = await b.call('POST', '/api/data/upload', form([corrected()]));
    expect(up.json.files[0]).toMatchObject({ status: 'replaced', previous: expect.any(String) });
    // New data rebuild the previews already open
    await b.serving.workbench.jobs.idle();
    expect(readFileSync(join(b.out, '2018Q3/preview/facts.json'), 'utf8')).not.toBe(factsBefore);
    const listed = (await b.call('GET', '/api/data')).json.files.find((f: { name: string }) => f.name === file2018.name);
    expect(listed.previous).toHaveLength(1);
    await b.call('POST', '/api/archive/2018Q3/build', {});
    await b.serving.workbench.jobs.idle();
    list = (await b.call('GET', '/api/archive')).json.quarters[0];
    expect(list.versions.map((v: { version: number; corrects: number | null }) => [v.version, v.corrects])).toEqual([
      [1, null],
      [2, 1],
    ]);
    const changes = (await b.call('GET', '/api/archive/2018Q3/2/changes')).json;
    expect(changes.sections.find((s: { heading: string }) => s.heading === '数据更正').items[0].text).toContain('城口县');
    expect(changes.notice).toContain('本刊2018年第6期刊发的');
    expect(list.versions[1].issue).toBe('2018年第6期');

    // The previous data file is recoverable
    const restored = await b.call('POST', '/api/data/restore', { name: file2018.name, id: listed.previous[0].id });
    expect(restored.json.files[0].status).toBe('replaced');
    expect(readFileSync(join(b.data, file2018.name))).toEqual(file2018.content);
  }, 240_000);

  it('verifies the archive version by version', async () => {
    const events: { kind: string; state: string; note?: string; result?: { ok: boolean }[] }[] = [];
    // watch the job through the workbench's own event hub
    const hub = b.serving.workbench.hub;
    const publish = hub.publish.bind(hub);
    hub.publish = (e: any) => (events.push(e), publish(e));
    const r = await b.call('POST', '/api/verify', { quarter: '2018Q3' });
    expect(r.status).toBe(202);
    await b.serving.workbench.jobs.idle();
    const done = events.find((e) => e.kind === 'verify' && e.state === 'done');
    expect(events.filter((e) => e.kind === 'verify' && e.note).map((e) => e.note)).toContain('正在验证 2018Q3 v2（2/2）');
    expect(done?.result?.map((x) => x.ok)).toEqual([true, true]);
  }, 240_000);

  it('refuses a build clearly while another process holds the quarter', async () => {
    writeFileSync(join(b.out, '2018Q3', '.lock'), String(process.ppid));
    await b.call('POST', '/api/report/2018Q3/build');
    await b.serving.workbench.jobs.idle();
    const view = (await b.call('GET', '/api/report/2018Q3')).json;
    expect(view.failure, JSON.stringify(view)).not.toBeNull();
    expect(view.failure.status).toBe(409);
    expect(view.failure.message).toContain('另一个生成任务');
    expect(existsSync(join(b.out, '2018Q3', '.lock'))).toBe(true);
  }, 60_000);
});
