import { type Command, Help, Option } from 'commander';
import { InputError } from '../errors.js';
import { parseQuarter } from '../quarter.js';
import { SAMPLE_DATA } from '../pipeline.js';

/** Shared pieces of the commands: output, options as every command spells them, checks of option values. */

export const out = (s: string) => process.stdout.write(s + '\n');
export const err = (s: string) => process.stderr.write(s + '\n');

/** Help in Chinese: commander's own headings and "(default: …)" translated. */
const TITLES: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };
export function chineseHelp(cmd: Command): Command {
  return cmd.helpOption('-h, --help', '显示帮助').configureHelp({
    styleTitle: (title: string) => TITLES[title] ?? title,
    subcommandTerm(sub: Command) {
      return Help.prototype.subcommandTerm.call(this, sub).replace('[options]', '[选项]');
    },
    optionDescription(option: Option) {
      return Help.prototype.optionDescription.call(this, option).replace(/\(default: (.*)\)$/, '（默认：$1）');
    },
  });
}

/** A subcommand with the Chinese help. */
export function command(program: Command, name: string, description: string, opts?: { isDefault?: boolean }): Command {
  return chineseHelp(program.command(name, opts).description(description).usage('[选项]'));
}

/** --data, defaulting to the sample data (shown as data/sample, not as this machine's path). */
export const dataOption = () => new Option('-d, --data <path>', '数据：一个 CSV/XLSX 文件，或存放它们的文件夹').default(SAMPLE_DATA, 'data/sample');
export const outOption = () => new Option('-o, --out <dir>', '归档文件夹').default('output');
export const quarterOption = (required = false) => new Option('-q, --quarter <quarter>', required ? '季度，如 2018Q3 或 2018年第3季度' : '季度，如 2018Q3 或 2018年第3季度（默认：数据中最新的季度）').makeOptionMandatory(required);
export const versionNumberOption = (what: string) => new Option('-v, --version <n>', what);

/** What a build of one quarter reads and where it writes (the report and watch commands). */
export interface BuildOptions {
  data: string;
  quarter?: string;
  config?: string;
  templates?: string;
  out: string;
  issue?: string;
}
export const withBuildOptions = (cmd: Command): Command =>
  cmd
    .addOption(dataOption())
    .addOption(quarterOption())
    .option('-c, --config <yaml>', '指标体系配置（默认：config/index.yaml）')
    .option('-t, --templates <dir>', '模板文件夹（默认：templates/）')
    .addOption(outOption())
    .option('--issue <期号>', '刊物期号，如 2018年第6期（印在页眉，并用于更正说明）');

export function normaliseQuarter(q: string): string {
  const p = parseQuarter(q);
  if (!p) throw new InputError([{ file: '--quarter', message: `「${q}」不是季度`, hint: '写成 2018Q3 或 2018年第3季度' }]);
  return p;
}

export function versionNumber(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^v?\d+$/.test(v)) throw new InputError([{ file: '--version', message: `「${v}」不是版本号`, hint: '写成 1 或 v1（版本见 scindex list）' }]);
  return Number(v.replace(/^v/, ''));
}

/** Characters that would be markup in the documents or in changes.md. */
const MARKUP = /[<>{}[\]`*_#|\\&]/u;
/** Control characters (ANSI escapes among them), zero-width and bidi marks, line and paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * An --issue or --note as printed in the header and kept in the record: plain
 * text of a sane length, nothing invisible, no markup.
 */
export function checkLabel(option: '--issue' | '--note', value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const v = value.normalize('NFC').trim();
  const fail = (message: string) => {
    throw new InputError([{ file: option, message, hint: option === '--issue' ? '期号写成 2018年第6期 这样的纯文字' : '备注写成纯文字，如 科技参考2018年第6期' }]);
  };
  if (!v) fail('不能为空');
  const bad = INVISIBLE.exec(v);
  if (bad) fail(`含有不可见的控制字符 ${codePoint(bad[0])}（第${[...v.slice(0, bad.index)].length + 1}个字符）`);
  const mark = MARKUP.exec(v);
  if (mark) fail(`含有标记字符「${mark[0]}」，这里只收纯文字`);
  if ([...v].length > max) fail(`太长：${[...v].length} 个字符，最多 ${max} 个`);
  return v;
}
