/**
 * Benchmark of the workbench, through HTTP as the browser does: a wording save
 * (PUT of a template, then the preview rebuilt in the warm process until its job
 * reports done on the event stream), and new data (an upload of a changed file,
 * validated, then the preview rebuilt; the change moves scores, so figures are
 * drawn again). Prints the median, min and max wall time
 * and the stages of the median run; asserts nothing.
 *
 *   npx tsx scripts/bench-workbench.ts [--runs 7]
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startServer } from '../src/server/index.js';
import { SAMPLE_DATA } from '../src/pipeline.js';
import { DEFAULT_TEMPLATES } from '../src/report.js';

const QUARTER = '2018Q3';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);

interface JobEvent {
  type: string;
  id: number;
  state: string;
  stage?: string;
  ms?: number;
  failure?: { message: string };
}

/** The server's event stream, read as the page's EventSource reads it. */
async function events(base: string, onEvent: (e: JobEvent) => void): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events`, { signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of chunk.split('\n')) if (line.startsWith('data: ')) onEvent(JSON.parse(line.slice(6)) as JobEvent);
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return abort;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'scindex-bench-wb-'));
  const data = join(root, 'data');
  mkdirSync(data);
  for (const f of readdirSync(SAMPLE_DATA)) cpSync(join(SAMPLE_DATA, f), join(data, f));
  cpSync(DEFAULT_TEMPLATES, join(root, 'templates'), { recursive: true });
  const serving = await startServer({ data, out: join(root, 'out'), templates: join(root, 'templates'), port: 0, warm: false });
  const base = serving.url.replace(/\/$/, '');
  const headers = { 'x-scindex-token': serving.token, origin: base, 'content-type': 'application/json' };
  const stages = new Map<number, [string, number][]>();
  const ends = new Map<number, (e: JobEvent) => void>();
  const stream = await events(base, (e) => {
    if (e.type !== 'job') return;
    if (e.state === 'stage' && e.stage) stages.set(e.id, [...(stages.get(e.id) ?? []), [e.stage, e.ms ?? 0]]);
    if (e.state === 'done' || e.state === 'failed') ends.get(e.id)?.(e);
  });
  const finished = (id: number) => new Promise<JobEvent>((done) => ends.set(id, done));

  /** One request that starts a preview build, timed until its job is done. */
  const timed = async (start: () => Promise<number>) => {
    const t0 = performance.now();
    const id = await start();
    const end = await finished(id);
    if (end.state !== 'done') throw new Error(`build failed: ${end.failure?.message}`);
    return { ms: performance.now() - t0, id };
  };
  const build = () => timed(async () => ((await (await fetch(`${base}/api/report/${QUARTER}/build`, { method: 'POST', headers })).json()) as { job: number }).job);

  const cold = await build();
  console.log(`workbench bench (${QUARTER}, through HTTP): first preview build in the fresh process ${fmt(cold.ms)}`);
  await build(); // the second build is the first on warm code paths

  const path = 'report/lead.hbs';
  const wording: { ms: number; id: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cur = (await (await fetch(`${base}/api/wording/file/${path}`)).json()) as { text: string; version: string };
    const text = cur.text.replace(/客观反映|如实反映/, i % 2 ? '客观反映' : '如实反映');
    wording.push(await timed(async () => ((await (await fetch(`${base}/api/wording/file/${path}`, { method: 'PUT', headers, body: JSON.stringify({ text, base: cur.version, quarter: QUARTER }) })).json()) as { job: number }).job));
  }

  const file = readdirSync(data).find((f) => f.includes('2018'))!;
  const original = readFileSync(join(data, file), 'utf8');
  const dataRuns: { ms: number; id: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const lines = original.split('\n');
    const row = lines.findIndex((l) => l.includes(QUARTER) && l.includes('城口县'));
    const cells = lines[row].split(',');
    // A correction that moves the district's scores (×1.2–1.4), so the figures of the total and of its index are drawn again.
    cells[2] = String(Math.round(Number(cells[2]) * (1.2 + 0.05 * (i % 5))));
    lines[row] = cells.join(',');
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')]), file);
    dataRuns.push(
      await timed(async () => {
        // The upload validates the data and starts the open preview's rebuild itself.
        const up = await fetch(`${base}/api/data/upload`, { method: 'POST', headers: { 'x-scindex-token': serving.token, origin: base }, body: form });
        if (!up.ok) throw new Error(`upload refused: ${await up.text()}`);
        return ((await up.json()) as { previews: Record<string, number> }).previews[QUARTER];
      }),
    );
  }

  const report = (label: string, runs: { ms: number; id: number }[]) => {
    const ms = runs.map((r) => r.ms);
    const mid = runs.find((r) => r.ms === median(ms))!;
    console.log(`${label}: median ${fmt(median(ms))}, min ${fmt(Math.min(...ms))}, max ${fmt(Math.max(...ms))} (${runs.length} runs)`);
    console.log(`  stages of the median run: ${(stages.get(mid.id) ?? []).map(([s, t]) => `${s} ${Math.round(t)} ms`).join(', ')}`);
  };
  report('wording save → preview (text, figures, PDF, Word, fact check) updated', wording);
  report('upload of changed data → validated, preview updated', dataRuns);
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  stream.abort();
  await serving.close();
}

await main();
