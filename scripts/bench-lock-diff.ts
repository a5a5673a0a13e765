/**
 * Hand-written against library, for the quarter lock (src/archive/lock.ts against
 * proper-lockfile) and the sentence diff of changes.md (src/archive/changes.ts
 * against jsdiff's diffArrays): speed, and what each does in our cases — a holder
 * killed while holding the lock, a live holder whose event loop a long synchronous
 * stage blocks, sentence diffs of corrected Chinese narratives. Prints figures;
 * asserts nothing. The libraries are not dependencies; install them for the run:
 *   npm install --no-save proper-lockfile diff
 *   npx tsx scripts/bench-lock-diff.ts
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { lockQuarter } from '../src/archive/lock.js';
import { diffSentences, sentences, type Sentence, type SentenceChange } from '../src/archive/changes.js';
import { narrativeToMarkdown, renderNarrative } from '../src/narrative/index.js';
import { buildFacts, SAMPLE_DATA } from '../src/pipeline.js';

const require = createRequire(import.meta.url);
function library<T>(name: string): T {
  try {
    return require(name) as T;
  } catch {
    console.error(`${name} is not installed: npm install --no-save proper-lockfile diff`);
    process.exit(2);
  }
}
interface LockFile {
  lockSync(path: string, o: object): () => void;
  lock(path: string, o: object): Promise<() => Promise<void>>;
}
interface JsDiff {
  diffArrays(a: string[], b: string[]): { added?: boolean; removed?: boolean; count: number }[];
  diffSentences(a: string, b: string): unknown[];
}
const lockfile = library<LockFile>('proper-lockfile');
const jsdiff = library<JsDiff>('diff');
const SELF = fileURLToPath(import.meta.url);
const fresh = () => mkdtempSync(join(tmpdir(), 'bench-lock-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock holder, run as a child: takes the lock, then is killed holding it (crash) or blocks its event loop 15 s (block). */
async function holder(which: string, what: string, dir: string): Promise<void> {
  if (which === 'ours') lockQuarter(dir, 'q');
  else lockfile.lockSync(dir, { realpath: false });
  process.stdout.write('locked\n');
  if (what === 'crash') process.kill(process.pid, 'SIGKILL');
  else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 15_000);
}

function startHolder(which: string, what: string, dir: string) {
  return new Promise<ReturnType<typeof spawn>>((resolve) => {
    const proc = spawn(process.execPath, [...process.execArgv, SELF, '--holder', which, what, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    proc.stdout!.on('data', (b) => String(b).includes('locked') && resolve(proc));
  });
}

const attempts: Record<string, (dir: string) => boolean> = {
  ours: (d) => {
    try {
      lockQuarter(d, 'q').release();
      return true;
    } catch {
      return false;
    }
  },
  'proper-lockfile': (d) => {
    try {
      lockfile.lockSync(d, { realpath: false })();
      return true;
    } catch {
      return false;
    }
  },
};

async function lockFigures(): Promise<void> {
  const N = 2000;
  const time = async (fn: (d: string) => unknown) => {
    const d = fresh();
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn(d);
    return (((performance.now() - t) / N) * 1000).toFixed(0);
  };
  const ours = await time((d) => lockQuarter(d, 'q').release());
  const sync = await time((d) => lockfile.lockSync(d, { realpath: false })());
  const async_ = await time(async (d) => (await lockfile.lock(d, { realpath: false }))());
  console.log(`lock: acquire + release ${ours} µs (ours), ${sync} µs (proper-lockfile lockSync), ${async_} µs (lock)`);
  for (const name of Object.keys(attempts)) {
    const d = fresh();
    const proc = await startHolder(name === 'ours' ? 'ours' : 'theirs', 'crash', d);
    if (proc.exitCode === null) await new Promise((r) => proc.on('exit', r));
    const t = performance.now();
    let refused = 0;
    while (!attempts[name](d) && performance.now() - t < 30_000) {
      refused++;
      await sleep(100);
    }
    console.log(`lock, holder killed: ${name} let the next build in after ${((performance.now() - t) / 1000).toFixed(2)} s (${refused} refusals)`);
  }
  for (const name of Object.keys(attempts)) {
    const d = fresh();
    const proc = await startHolder(name === 'ours' ? 'ours' : 'theirs', 'block', d);
    const t = performance.now();
    let taken: number | null = null;
    while (performance.now() - t < 14_000) {
      if (attempts[name](d)) {
        taken = (performance.now() - t) / 1000;
        break;
      }
      await sleep(250);
    }
    proc.kill('SIGKILL');
    console.log(`lock, holder alive with its event loop blocked 15 s: ${name} ${taken === null ? 'kept it from every other process' : `gave it to a second process after ${taken.toFixed(2)} s`}`);
  }
}

const narrative = async (data: string, quarter: string) => narrativeToMarkdown(renderNarrative((await buildFacts({ data, quarter })).ledger));
/** The sample data with 2018's table edited (a correction). */
function corrected(edit: (csv: string) => string): string {
  const d = mkdtempSync(join(tmpdir(), 'bench-diff-'));
  cpSync(SAMPLE_DATA, d, { recursive: true });
  const f = join(d, '双创指标_2018.csv');
  writeFileSync(f, edit(readFileSync(f, 'utf8')));
  return d;
}

/** The changes with jsdiff's diffArrays choosing the unchanged sentences: each stretch between them is told by our code alone. */
function viaJsdiff(before: Sentence[], after: Sentence[]): SentenceChange[] {
  const stretches: { removed: Sentence[]; added: Sentence[] }[] = [{ removed: [], added: [] }];
  let i = 0;
  let j = 0;
  for (const p of jsdiff.diffArrays(
    before.map((s) => s.text),
    after.map((s) => s.text),
  )) {
    if (p.added) stretches[stretches.length - 1].added.push(...after.slice(j, (j += p.count)));
    else if (p.removed) stretches[stretches.length - 1].removed.push(...before.slice(i, (i += p.count)));
    else for (let k = 0; k < p.count; k++, i++, j++) stretches.push({ removed: [], added: [] });
  }
  return stretches.flatMap((s) => diffSentences(s.removed, s.added));
}

async function diffFigures(): Promise<void> {
  const base = await narrative(SAMPLE_DATA, '2018Q3');
  const paragraphs = base.split('\n\n');
  const cases: [string, string, string][] = [
    [
      'a corrected cell (渝中区 新注册企业数 +40 %)',
      base,
      await narrative(
        corrected((s) => s.replace(/^(2018Q3,渝中区,)(\d+)/m, (_, a, n) => a + Math.round(Number(n) * 1.4))),
        '2018Q3',
      ),
    ],
    [
      'a corrected cell (万州区 众创空间数 → 30)',
      base,
      await narrative(
        corrected((s) => s.replace(/^(2018Q3,万州区,(?:[^,]*,){4})(\d+)/m, (_, a) => `${a}30`)),
        '2018Q3',
      ),
    ],
    ['2018Q2 → 2018Q3', await narrative(SAMPLE_DATA, '2018Q2'), base],
    ['a paragraph moved to the end', base, [...paragraphs.slice(0, 3), ...paragraphs.slice(4), paragraphs[3]].join('\n\n')],
  ];
  const all = (await Promise.all(['2017Q1', '2017Q2', '2017Q3', '2017Q4', '2018Q1', '2018Q2', '2018Q3'].map((q) => narrative(SAMPLE_DATA, q)))).join('\n\n');
  cases.push([
    'seven quarters, every 10th sentence changed',
    all,
    sentences(all)
      .map((s, k) => (k % 10 === 0 ? s.text.replace(/\d/, '9') : s.text))
      .join('\n\n'),
  ]);
  for (const [name, a, b] of cases) {
    const sa = sentences(a);
    const sb = sentences(b);
    const ours = diffSentences(sa, sb);
    const R = 100;
    let t = performance.now();
    for (let k = 0; k < R; k++) diffSentences(sa, sb);
    const tOurs = (performance.now() - t) / R;
    t = performance.now();
    for (let k = 0; k < R; k++) viaJsdiff(sa, sb);
    const tTheirs = (performance.now() - t) / R;
    const same = JSON.stringify(ours) === JSON.stringify(viaJsdiff(sa, sb));
    console.log(`diff, ${name}: ${sa.length} → ${sb.length} sentences, ${ours.length} changes; with diffArrays ${same ? 'the same changes' : 'OTHER CHANGES'}; ${tOurs.toFixed(2)} ms (ours), ${tTheirs.toFixed(2)} ms (diffArrays + our pairing)`);
  }
  const para = paragraphs.find((p) => (p.match(/。/g) ?? []).length >= 3)!;
  console.log(`diff: jsdiff's diffSentences reads a Chinese paragraph of ${sentences(para).length} sentences as ${jsdiff.diffSentences(para, para).length} sentence (it splits at [.!?] and white space)`);
}

if (process.argv[2] === '--holder') await holder(process.argv[3], process.argv[4], process.argv[5]);
else {
  await lockFigures();
  await diffFigures();
  process.exit(0);
}
