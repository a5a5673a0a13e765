import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { InputError } from '../errors.js';
import { loadInputs, selectQuarter } from '../pipeline.js';
import { buildMany } from '../archive/batch.js';
import { checkLabel, command, dataOption, normaliseQuarter, out, outOption } from './common.js';
import { templateFiles } from '../archive/snapshot.js';
import { DEFAULT_TEMPLATES } from '../report.js';
import { resolve } from 'node:path';
import { describeShape, EXIT } from './exit.js';

/**
 * --issue of a batch: one 期号 for a single quarter, or `2018Q3=2018年第6期,2018Q4=2019年第1期`
 * (each quarter is a different issue of the bulletin).
 */
export function batchIssues(value: string | undefined, quarters: string[]): Record<string, string> {
  if (value === undefined) return {};
  if (!value.includes('=')) {
    if (quarters.length !== 1) throw new InputError([{ file: '--issue', message: `一个期号不能用于 ${quarters.length} 个季度`, hint: '逐季给出：--issue 2018Q3=2018年第6期,2018Q4=2019年第1期' }]);
    return { [quarters[0]]: checkLabel('--issue', value, 40)! };
  }
  const issues: Record<string, string> = {};
  for (const pair of value.split(/[,，]/)) {
    const [q, label] = pair.split('=');
    const quarter = normaliseQuarter(q.trim());
    if (!quarters.includes(quarter)) throw new InputError([{ file: '--issue', message: `${quarter} 不在这次要生成的季度中`, hint: `要生成的季度：${quarters.join('、')}` }]);
    issues[quarter] = checkLabel('--issue', label, 40)!;
  }
  return issues;
}

export function registerBatch(program: Command): void {
  command(program, 'batch', '生成数据中的每个季度（或指定的季度），在多个工作线程上并行')
    .addOption(dataOption())
    .option('-c, --config <yaml>', '指标体系配置（默认：config/index.yaml）')
    .option('-t, --templates <dir>', '模板文件夹（默认：templates/）')
    .addOption(outOption())
    .option('-j, --jobs <n>', '工作线程数（默认：CPU 核数）')
    .option('--quarters <list>', '逗号分隔的季度（默认：数据中的全部季度）')
    .option('--issue <期号>', '期号：只生成一个季度时直接写期号，否则写成 2018Q3=2018年第6期,2018Q4=2019年第1期')
    .option('--facts-only', '只生成事实台账')
    .action(async (opts: { data: string; config?: string; templates?: string; out: string; jobs?: string; quarters?: string; issue?: string; factsOnly?: boolean }) => {
      if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new InputError([{ file: '--jobs', message: `「${opts.jobs}」不是正整数`, hint: '例如 --jobs 2' }]);
      // Checked once here rather than once per quarter in every worker.
      templateFiles(resolve(opts.templates ?? DEFAULT_TEMPLATES));
      const { dataset } = await loadInputs({ data: opts.data, config: opts.config });
      const quarters = opts.quarters ? opts.quarters.split(/[,，]/).map((q) => selectQuarter(dataset, q.trim())) : dataset.quarters;
      const issues = batchIssues(opts.issue, quarters);
      const t0 = performance.now();
      const results = await buildMany({
        data: opts.data,
        config: opts.config,
        templatesDir: opts.templates,
        root: opts.out,
        quarters,
        issues,
        factsOnly: opts.factsOnly,
        jobs: opts.jobs ? Number(opts.jobs) : undefined,
        onProgress: (e) =>
          out(`[${e.done}/${e.total}] ${e.quarter} ${e.failure ? `失败：${describeShape(e.failure).message}` : e.result!.status === 'unchanged' ? `没有变化（v${e.result!.version}）` : `已写入 v${e.result!.version}`}（${Math.round(e.ms)} ms）`),
      });
      const failed = results.filter((r) => !r.ok);
      out(`${results.length} 个季度中 ${results.length - failed.length} 个已生成，用时 ${Math.round(performance.now() - t0)} ms`);
      if (failed.length) process.exitCode = Math.max(...failed.map((r) => (r.failure ? describeShape(r.failure).code : EXIT.input)));
    });
}
