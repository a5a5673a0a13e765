/** `scindex compare --config other.yaml`: which districts' ranks move under another configuration. */
import type { Command, Option } from 'commander';
import { compareConfigurations, comparisonLines } from './compare.js';

export function registerCompareCommand(program: Command, dataOption: () => Option): void {
  program
    .command('compare')
    .description('在另一套配置下计算同一季度，列出排名变化的区县及变化幅度（改权重、标准化或合成方法之前先看影响）')
    .requiredOption('-c, --config <yaml>', 'the other configuration')
    .option('-b, --base <yaml>', 'the configuration to compare with (default: config/index.yaml)')
    .addOption(dataOption())
    .option('-q, --quarter <quarter>', 'the quarter (default: the latest in the data)')
    .action(async (opts: { config: string; base?: string; data: string; quarter?: string }) => {
      const c = await compareConfigurations({ data: opts.data, quarter: opts.quarter, base: opts.base, other: opts.config });
      process.stdout.write(comparisonLines(c).join('\n') + '\n');
    });
}
