/**
 * Hand-written against library, for the quarter lock (src/archive/lock.ts against
 * proper-lockfile) and the sentence diff of changes.md (src/archive/changes.ts,
 * now jsdiff's diffArrays, against the hand-written LCS table it replaced): speed,
 * and what each does in our cases — a holder killed while holding the lock, a live
 * holder whose event loop a long synchronous stage blocks, sentence diffs of
 * corrected Chinese narratives. Prints figures; asserts nothing. proper-lockfile is
 * not a dependency: install it outside the project and point NODE_PATH at it
 * (without it the lock figures are skipped):
 *   npm install --prefix /tmp/libtry proper-lockfile
 *   NODE_PATH=/tmp/libtry/node_modules npx tsx scripts/bench-lock-diff.ts
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { diffSentences as jsdiffSentences } from 'diff';
import { diffSentences, type Sentence, type SentenceChange, sentences, stretchChanges } from '../src/archive/changes.js';
import { lockQuarter } from '../src/archive/lock.js';
import { narrativeToMarkdown, renderNarrative } from '../src/narrative/index.js';
import { buildFacts, SAMPLE_DATA } from '../src/pipeline.js';

interface LockFile {
  lockSync(path: string, o: object): () => void;
  lock(path: string, o: object): Promise<() => Promise<void>>;
}
/** proper-lockfile from NODE_PATH, or null when it is not there. */
function properLockfile(): LockFile | null {
  try {
    return createRequire(import.meta.url)('proper-lockfile') as LockFile;
  } catch {
    return null;
  }
}
const lockfile = properLockfile();
const SELF = fileURLToPath(import.meta.url);
const fresh = () => mkdtempSync(join(tmpdir(), 'bench-lock-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The lock holder, run as a child: takes the lock, then is killed holding it (crash) or blocks its event loop 15 s (block). */
async function holder(which: string, what: string, dir: string): Promise<void> {
  if (which === 'ours') lockQuarter(dir, 'q');
  else lockfile!.lockSync(dir, { realpath: false });
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
      lockfile!.lockSync(d, { realpath: false })();
      return true;
    } catch {
      return false;
    }
  },
};

/** Run only when proper-lockfile was found (lockfile is not null). */
async function lockFigures(): Promise<void> {
  const N = 2000;
  const time = async (fn: (d: string) => unknown) => {
    const d = fresh();
    const t = performance.now();
    for (let i = 0; i < N; i++) await fn(d);
    return (((performance.now() - t) / N) * 1000).toFixed(0);
  };
  const ours = await time((d) => lockQuarter(d, 'q').release());
  const sync = await time((d) => lockfile!.lockSync(d, { realpath: false })());
  const async_ = await time(async (d) => (await lockfile!.lock(d, { realpath: false }))());
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

/**
 * The hand-written common subsequence diffArrays replaced (an LCS table, n·m
 * cells), kept here as the measure: the same pairing of each stretch on top.
 */
function viaTable(before: Sentence[], after: Sentence[]): SentenceChange[] {
  const n = before.length;
  const m = after.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i].text === after[j].text ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const changes: SentenceChange[] = [];
  let removed: Sentence[] = [];
  let added: Sentence[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i].text === after[j].text) {
      changes.push(...stretchChanges(removed, added));
      removed = [];
      added = [];
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(after[j++]);
    else removed.push(before[i++]);
  }
  changes.push(...stretchChanges(removed, added));
  return changes;
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
    const now = diffSentences(sa, sb);
    const R = 100;
    let t = performance.now();
    for (let k = 0; k < R; k++) diffSentences(sa, sb);
    const tLibrary = (performance.now() - t) / R;
    t = performance.now();
    for (let k = 0; k < R; k++) viaTable(sa, sb);
    const tTable = (performance.now() - t) / R;
    const same = JSON.stringify(now) === JSON.stringify(viaTable(sa, sb));
    console.log(
      `diff, ${name}: ${sa.length} → ${sb.length} sentences, ${now.length} changes; the LCS table ${same ? 'the same changes' : 'OTHER CHANGES'}; ${tLibrary.toFixed(2)} ms (diffArrays + our pairing), ${tTable.toFixed(2)} ms (LCS table + our pairing)`,
    );
  }
  const para = paragraphs.find((p) => (p.match(/。/g) ?? []).length >= 3)!;
  console.log(`diff: jsdiff's diffSentences reads a Chinese paragraph of ${sentences(para).length} sentences as ${jsdiffSentences(para, para).length} sentence (it splits at [.!?] and white space)`);
}

if (process.argv[2] === '--holder') await holder(process.argv[3], process.argv[4], process.argv[5]);
else {
  if (lockfile) await lockFigures();
  else console.log('lock: proper-lockfile is not installed (NODE_PATH): lock figures skipped; see the header for how to install it');
  await diffFigures();
  process.exit(0);
}
