#!/usr/bin/env node
/**
 * The command line: one module per command under src/cli/ (register a new one
 * in COMMANDS). Every failure ends here and leaves as a Chinese message with a
 * documented exit code (src/cli/exit.ts); a bug is written to a file, never
 * shown as a stack trace.
 */
import { Command, CommanderError } from 'commander';
import { registerServe } from './server/command.js';
import { TOOL } from './archive/manifest.js';
import { chineseHelp, err } from './cli/common.js';
import { describeFailure, EXIT, usageMessage } from './cli/exit.js';
import { registerReport } from './cli/report.js';
import { registerIssue } from './cli/issue.js';
import { registerVerify } from './cli/verify.js';
import { registerList } from './cli/list.js';
import { registerBatch } from './cli/batch.js';
import { registerWatch } from './cli/watch.js';
import { registerCompare } from './cli/compare.js';

const COMMANDS: ((program: Command) => void)[] = [registerReport, registerIssue, registerVerify, registerList, registerBatch, registerWatch, registerCompare, registerServe];

// `| head -1` closes the pipe: stop quietly, as any Unix tool does.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });

const program = chineseHelp(new Command())
  .name('scindex')
  .usage('[选项] [命令]')
  .description('重庆区县双创指数季度报告：从区县指标数据生成事实台账、文字、图表、PDF 与 Word 报告，并按版本归档')
  .version(`${TOOL.name} ${TOOL.version}`, '-V, --version', '显示版本号')
  .helpCommand('help [命令]', '显示某个命令的帮助')
  // Options before a command belong to the program (-V), after it to the command (issue -v 2).
  .enablePositionalOptions()
  .exitOverride()
  .configureOutput({ writeErr: () => undefined });
for (const register of COMMANDS) register(program);
for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeErr: () => undefined });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) {
    // --help and --version end here too, having printed what was asked.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(EXIT.ok);
    const sub = program.commands.find((c) => process.argv.includes(c.name()))?.name() ?? '';
    err(`错误：${usageMessage(e, sub)}`);
    process.exit(EXIT.input);
  }
  const failure = describeFailure(e);
  err(`错误：${failure.message}`);
  process.exit(failure.code);
});
