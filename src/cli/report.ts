import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { buildVersion } from '../archive/index.js';
import { checkLabel, command, out, withBuildOptions, type BuildOptions } from './common.js';
import { stageProgress } from './progress.js';
import { imputationLines } from '../facts/imputation.js';

/** `timings: load 70 ms, compute 6 ms, …; CPU 3500 ms; peak RSS 392 MB` (a line for the benchmark to read; its format stays fixed). */
function timingsLine(timings: Record<string, number>): string {
  const stages = Object.entries(timings).map(([stage, ms]) => `${stage} ${Math.round(ms)} ms`);
  const { user, system } = process.cpuUsage();
  return `timings: ${stages.join(', ')}; CPU ${Math.round((user + system) / 1000)} ms; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`;
}

export function registerReport(program: Command): void {
  withBuildOptions(command(program, 'report', '生成一个季度的报告，作为归档中的新版本（output/<季度>/v<N>/）', { isDefault: true }))
    .option('--facts-only', '只生成事实台账（facts.json）；这样的版本不能发布')
    .option('--timings', '打印各阶段用时与内存峰值')
    .action(async (opts: BuildOptions & { factsOnly?: boolean; timings?: boolean }) => {
      const issue = checkLabel('--issue', opts.issue, 40);
      const t0 = performance.now();
      const progress = stageProgress();
      try {
        const r = await buildVersion({ data: opts.data, quarter: opts.quarter, config: opts.config, templatesDir: opts.templates, root: opts.out, issue, factsOnly: opts.factsOnly, onStage: progress.onStage });
        progress.done();
        const ms = Math.round(performance.now() - t0);
        if (r.status === 'unchanged') out(`${r.ledger.meta.title}：没有变化，${r.version.dir} 已是这次构建的结果（${ms} ms）`);
        else out(`${r.ledger.meta.title}：已写入 ${r.version.dir}${r.changes ? '（含变更说明 changes.md）' : ''}（${ms} ms）`);
        for (const line of imputationLines(r.ledger)) out(line);
        if (r.claims) out(`事实核查：全部属实——正文 ${r.claims.narrative} 处；PDF 和 Word 文件逐句与正文一致，另核查 PDF ${r.claims.pdf} 处、Word ${r.claims.docx} 处（图题、注、脚注）`);
        if (opts.factsOnly) out('这是只含事实台账的版本，不能发布');
        if (opts.timings) out(timingsLine(r.timings));
      } finally {
        progress.done();
      }
    });
}
