#!/usr/bin/env node
import { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from './errors.js';
import { buildFacts, SAMPLE_DATA } from './pipeline.js';
import { writeAllOrNothing } from './output.js';

const program = new Command();
program
  .name('scindex')
  .description('重庆区县双创指数季度报告：从区县指标数据生成事实台账、文字、图表、PDF 与 Word 报告')
  .showHelpAfterError();

program
  .command('report', { isDefault: true })
  .description('build the report of one quarter')
  .option('-d, --data <path>', 'a CSV/XLSX file or a folder of them', SAMPLE_DATA)
  .option('-q, --quarter <quarter>', 'the quarter to report, e.g. 2018Q3 (default: the latest in the data)')
  .option('-c, --config <yaml>', 'the index configuration (default: config/index.yaml)')
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('--facts-only', 'stop after the facts ledger (facts.json)')
  .action(async (opts: { data: string; quarter?: string; config?: string; out: string; factsOnly?: boolean }) => {
    const { ledger } = await buildFacts({ data: opts.data, quarter: opts.quarter, config: opts.config });
    const files = new Map<string, string | Uint8Array>();
    files.set('facts.json', JSON.stringify(ledger, null, 2) + '\n');
    writeAllOrNothing(opts.out, files);
    process.stdout.write(`${ledger.meta.title}: wrote ${[...files.keys()].join(', ')} to ${opts.out}\n`);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof InputError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`internal error: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
