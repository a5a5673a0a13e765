#!/usr/bin/env node
import { Command, Option } from 'commander';
import { performance } from 'node:perf_hooks';
import { InputError } from './errors.js';
import { loadInputs, SAMPLE_DATA, selectQuarter } from './pipeline.js';
import { buildVersion, verifyVersion, TOOL } from './archive/index.js';
import { issueVersion, listQuarters, listVersions, readVersion } from './archive/store.js';
import { buildMany } from './archive/batch.js';
import { parseQuarter } from './quarter.js';
import { FactCheckError } from './report.js';
import { TemplateError } from './narrative/index.js';
import { watchReport } from './watch.js';
import { displayPath } from './config/load.js';

const program = new Command();
program
  .name('scindex')
  .description('重庆区县双创指数季度报告：从区县指标数据生成事实台账、文字、图表、PDF 与 Word 报告')
  .showHelpAfterError();

const out = (s: string) => process.stdout.write(s + '\n');

/** `timings: load 70 ms, compute 6 ms, …; CPU 3500 ms; peak RSS 392 MB` (CPU and memory of the whole process; the benchmark reads this line). */
function timingsLine(timings: Record<string, number>): string {
  const stages = Object.entries(timings).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`);
  const { user, system } = process.cpuUsage();
  return `timings: ${stages.join(', ')}; CPU ${Math.round((user + system) / 1000)} ms; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
}

/** --data, defaulting to the sample data (shown as data/sample, not as this machine's path). */
const dataOption = () => new Option('-d, --data <path>', 'a CSV/XLSX file or a folder of them').default(SAMPLE_DATA, 'data/sample');

/** What a build of one quarter reads and where it writes (the report and watch commands). */
interface BuildOptions {
  data: string;
  quarter?: string;
  config?: string;
  templates?: string;
  out: string;
  issue?: string;
}
const withBuildOptions = (cmd: Command): Command =>
  cmd
    .addOption(dataOption())
    .option('-q, --quarter <quarter>', 'the quarter, e.g. 2018Q3 (default: the latest in the data)')
    .option('-c, --config <yaml>', 'the index configuration (default: config/index.yaml)')
    .option('-t, --templates <dir>', 'the templates folder (default: templates/)')
    .option('-o, --out <dir>', 'the archive folder', 'output')
    .option('--issue <label>', 'the bulletin issue, e.g. 2018年第6期 (for the header and the 更正说明)');

withBuildOptions(
  program.command('report', { isDefault: true }).description('build the report of one quarter as a new version in the archive (output/<quarter>/v<N>/)'),
)
  .option('--facts-only', 'stop after the facts ledger (facts.json)')
  .option('--timings', 'print the time of each stage and the peak memory')
  .action(async (opts: BuildOptions & { factsOnly?: boolean; timings?: boolean }) => {
    const t0 = performance.now();
    const r = await buildVersion({ data: opts.data, quarter: opts.quarter, config: opts.config, templatesDir: opts.templates, root: opts.out, issue: opts.issue, factsOnly: opts.factsOnly });
    const ms = Math.round(performance.now() - t0);
    if (r.status === 'unchanged') out(`${r.ledger.meta.title}: unchanged, ${r.version.dir} already holds this build (${ms} ms)`);
    else out(`${r.ledger.meta.title}: wrote ${r.version.dir}${r.changes ? ' with changes.md' : ''} (${ms} ms)`);
    if (r.claims) out(`fact check: every claim true — ${r.claims.narrative} in the narrative, ${r.claims.pdf} in the PDF, ${r.claims.docx} in the Word file`);
    if (opts.timings) out(timingsLine(r.timings));
  });

program
  .command('issue')
  .description('mark a version as issued: it becomes read-only and is never rebuilt in place')
  .requiredOption('-q, --quarter <quarter>', 'the quarter')
  .option('-v, --version <n>', 'the version (default: the newest)')
  .option('-o, --out <dir>', 'the archive folder', 'output')
  .option('--note <text>', 'a note kept with the issue record, e.g. 科技参考2018年第6期')
  .action((opts: { quarter: string; version?: string; out: string; note?: string }) => {
    const quarter = normaliseQuarter(opts.quarter);
    const versions = listVersions(opts.out, quarter);
    if (!versions.length) throw new InputError([{ file: opts.out, message: `no version of ${quarter} in the archive`, hint: `build it first: npm run report -- --quarter ${quarter}` }]);
    const n = opts.version ? Number(opts.version) : versions[versions.length - 1].version;
    const info = issueVersion(opts.out, quarter, n, new Date().toISOString(), opts.note);
    out(`${quarter} v${n} issued at ${info.issued!.at}; ${info.dir} is now read-only`);
  });

program
  .command('verify')
  .description('rebuild a version from its archived inputs and check every output is byte-identical')
  .requiredOption('-q, --quarter <quarter>', 'the quarter')
  .option('-v, --version <n>', 'the version (default: every version of the quarter)')
  .option('-o, --out <dir>', 'the archive folder', 'output')
  .action(async (opts: { quarter: string; version?: string; out: string }) => {
    const quarter = normaliseQuarter(opts.quarter);
    const versions = opts.version ? [readVersion(opts.out, quarter, Number(opts.version))] : listVersions(opts.out, quarter);
    if (!versions.length) throw new InputError([{ file: opts.out, message: `no version of ${quarter} in the archive`, hint: 'see: scindex list' }]);
    let failed = 0;
    for (const v of versions) {
      const r = await verifyVersion(v);
      if (r.ok) out(`${quarter} v${v.version}: identical (${r.checked.length} files)`);
      else {
        failed++;
        out(`${quarter} v${v.version}: DIFFERS — ${[...r.mismatched.map((f) => `${f} differs`), ...r.missing.map((f) => `${f} missing`)].join('; ')}`);
        // A rebuild is byte-identical only with the tool version that made it.
        if (r.builtWith) out(`  built with ${r.builtWith}, this is ${TOOL.name} ${TOOL.version}: the outputs of another tool version may differ; verify it with the tool version that built it`);
      }
    }
    if (failed) process.exitCode = 3;
  });

program
  .command('list')
  .description('list the quarters and versions in the archive, issued or draft, and when')
  .option('-o, --out <dir>', 'the archive folder', 'output')
  .action((opts: { out: string }) => {
    const quarters = listQuarters(opts.out);
    if (!quarters.length) {
      out(`the archive ${opts.out} is empty`);
      return;
    }
    for (const q of quarters)
      for (const v of listVersions(opts.out, q))
        out(`${q}  v${v.version}  ${v.issued ? `issued ${v.issued.at}${v.issued.note ? `  (${v.issued.note})` : ''}` : 'draft '}  built ${v.builtAt ?? '?'}`);
  });

program
  .command('batch')
  .description('build every quarter in the data (or those given), in parallel on worker threads')
  .addOption(dataOption())
  .option('-c, --config <yaml>', 'the index configuration')
  .option('-t, --templates <dir>', 'the templates folder')
  .option('-o, --out <dir>', 'the archive folder', 'output')
  .option('-j, --jobs <n>', 'worker threads (default: the number of cores)')
  .option('--quarters <list>', 'comma-separated quarters (default: all in the data)')
  .option('--facts-only', 'stop after the facts ledger')
  .action(async (opts: { data: string; config?: string; templates?: string; out: string; jobs?: string; quarters?: string; factsOnly?: boolean }) => {
    const { dataset } = await loadInputs({ data: opts.data, config: opts.config });
    const quarters = opts.quarters ? opts.quarters.split(',').map((q) => selectQuarter(dataset, q)) : dataset.quarters;
    const t0 = performance.now();
    const results = await buildMany({
      data: opts.data, config: opts.config, templatesDir: opts.templates, root: opts.out, quarters, factsOnly: opts.factsOnly,
      jobs: opts.jobs ? Number(opts.jobs) : undefined,
      onProgress: (e) => out(`[${e.done}/${e.total}] ${e.quarter} ${e.error ? `FAILED: ${e.error}` : `${e.result!.status} v${e.result!.version}`} (${Math.round(e.ms)} ms)`),
    });
    const failed = results.filter((r) => !r.ok);
    out(`${results.length - failed.length} of ${results.length} quarters built in ${Math.round(performance.now() - t0)} ms`);
    if (failed.length) process.exitCode = 2;
  });

withBuildOptions(
  program
    .command('watch')
    .description('build a preview of one quarter (output/<quarter>/preview/, outside the versions) and rebuild it whenever the data, the configuration or a template changes'),
).action(async (opts: BuildOptions) => {
  // Checked once up front: a wrong path or quarter is a usage error, not something to wait out.
  await loadInputs({ data: opts.data, config: opts.config, quarter: opts.quarter });
  const clock = () => new Date().toTimeString().slice(0, 8);
  const watching = watchReport({ data: opts.data, quarter: opts.quarter, config: opts.config, templatesDir: opts.templates, out: opts.out, issue: opts.issue }, (e) => {
    const why = e.changed.length ? ` after a change to ${e.changed.map(displayPath).join(', ')}` : '';
    if (e.type === 'built') out(`[${clock()}] preview${why}: ${e.dir} (${Math.round(e.ms)} ms); fact check: every claim true — ${e.claims.narrative} / ${e.claims.pdf} / ${e.claims.docx}`);
    else {
      const message = e.error instanceof InputError || e.error instanceof FactCheckError || e.error instanceof TemplateError ? e.error.message : String((e.error as Error).stack ?? e.error);
      process.stderr.write(`[${clock()}] not rebuilt${why} — the previous preview stays:\nerror: ${message}\n`);
    }
  });
  out('watching the data, the configuration and the templates; Ctrl-C to stop');
  await new Promise<void>((done) => process.once('SIGINT', () => void watching.close().then(done)));
});

function normaliseQuarter(q: string): string {
  const p = parseQuarter(q);
  if (!p) throw new InputError([{ file: '--quarter', message: `"${q}" is not a quarter`, hint: 'write it as 2018Q3 or 2018年第3季度' }]);
  return p;
}

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof InputError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  if (e instanceof FactCheckError || e instanceof TemplateError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(3);
  }
  process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
