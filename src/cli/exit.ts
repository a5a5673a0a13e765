import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommanderError } from 'commander';
import { displayPath } from '../config/load.js';
import { failureShape, type FailureShape } from '../archive/failure.js';

export { failureShape, type FailureShape };

/** The exit codes, as the README's table lists them. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A fault of the program itself (a bug): the details go to a file for the maintainers. */
  bug: 1,
  /** Bad input: data, configuration, templates, options; or an operation the archive does not allow. */
  input: 2,
  /** The fact check found a sentence the ledger does not support, or a template is wrong. */
  check: 3,
  /** `verify` found a version that differs from its record. */
  verify: 4,
  /** The output cannot be written: a read-only or full disk, no permission, a file where a folder is due. */
  output: 5,
  /** Another process is building or issuing the same quarter. */
  busy: 6,
} as const;

export interface Failure {
  code: number;
  message: string;
}

/** Where a file-system error happened, as the user knows it: the output folder, not the tool's hidden temporary folder inside it. */
function userPath(path: string | undefined): string {
  if (!path) return '（未知位置）';
  return displayPath(path.replace(/[/\\]\.(scratch-|v\d+\.partial-|preview-)[^/\\]*(?:[/\\].*)?$/, ''));
}

const FS_MESSAGES: Record<string, [number, (p: string) => string]> = {
  ENOENT: [EXIT.input, (p) => `${p}: 文件或文件夹不存在\n    → 检查路径是否写对`],
  EACCES: [EXIT.output, (p) => `${p}: 没有权限读写\n    → 换一个有写权限的 --out 文件夹，或请管理员开放权限`],
  EPERM: [EXIT.output, (p) => `${p}: 操作不被允许（权限不足）\n    → 换一个有写权限的 --out 文件夹`],
  EROFS: [EXIT.output, (p) => `${p}: 位于只读的文件系统上，无法写入\n    → 用 --out 指定一个可写的文件夹`],
  ENOSPC: [EXIT.output, (p) => `${p}: 磁盘已满，写入失败（写了一半的内容已撤回，归档保持原样）\n    → 腾出空间，或用 --out 换到别的磁盘`],
  EDQUOT: [EXIT.output, (p) => `${p}: 超出磁盘配额，写入失败（归档保持原样）\n    → 腾出空间，或用 --out 换到别的磁盘`],
  ENOTDIR: [EXIT.output, (p) => `${p}: 路径中有一段是文件而不是文件夹\n    → 用 --out 指定一个文件夹`],
  EISDIR: [EXIT.input, (p) => `${p}: 这是文件夹，这里需要一个文件\n    → 检查路径`],
  EEXIST: [EXIT.output, (p) => `${p}: 已存在同名的文件\n    → 用 --out 指定别的文件夹`],
  EMFILE: [EXIT.output, (p) => `${p}: 同时打开的文件太多\n    → 稍后重试`],
  ENAMETOOLONG: [EXIT.input, (p) => `${p}: 路径太长\n    → 换一个短一些的路径`],
};

/** The user-facing message and exit code for anything a command throws; a bug is written to a file, never shown as a stack trace. */
export function describeFailure(e: unknown): Failure {
  return describeShape(failureShape(e));
}

export function describeShape(f: FailureShape): Failure {
  if (f.name === 'InputError') return { code: EXIT.input, message: f.message };
  if (f.name === 'ArchiveError') return { code: f.fault === 'busy' ? EXIT.busy : f.fault === 'output' ? EXIT.output : EXIT.input, message: f.message };
  if (f.name === 'FactCheckError' || f.name === 'TemplateError') return { code: EXIT.check, message: f.message };
  if (f.name === 'YAMLError') {
    const pos = f.linePos?.[0];
    return { code: EXIT.input, message: `YAML 格式有误${pos ? `（第${pos.line}行第${pos.col}列）` : ''}：${f.message.split('\n')[0]}\n    → 检查配置或模板中这一行的冒号、引号与缩进` };
  }
  if (f.code && FS_MESSAGES[f.code]) {
    const [code, text] = FS_MESSAGES[f.code];
    return { code, message: text(userPath(f.path)) };
  }
  return { code: EXIT.bug, message: bugReport(f) };
}

function bugReport(e: FailureShape): string {
  const detail = `${new Date().toISOString()}\nnode ${process.version}\nargv: ${JSON.stringify(process.argv.slice(2))}\n\n${e.stack ?? e.message}\n`;
  const file = join(tmpdir(), `scindex-内部错误-${process.pid}.txt`);
  try {
    writeFileSync(file, detail);
    return `程序内部错误（这是本工具的缺陷，不是您的输入有误）：${e.message}\n    → 请把 ${file} 发给维护者`;
  } catch {
    return `程序内部错误（这是本工具的缺陷）：${e.message}`;
  }
}

/** commander's usage errors, in Chinese (the option or command named as typed). */
export function usageMessage(e: CommanderError, commandName: string): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const help = `\n    → 用法见：scindex ${commandName ? `${commandName} ` : ''}--help`;
  switch (e.code) {
    case 'commander.unknownOption':
      return `没有选项 ${quoted}${help}`;
    case 'commander.unknownCommand':
      return `没有命令 ${quoted}（命令有 report、issue、verify、list、batch、watch）${help}`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${quoted}${help}`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 后面缺少取值${help}`;
    case 'commander.excessArguments':
      return `多余的参数：${e.message.replace(/^error: too many arguments.*?\. /, '')}${help}`;
    case 'commander.invalidArgument':
      return `参数取值无效：${e.message.replace(/^error: /, '')}${help}`;
    default:
      return `命令行有误：${e.message.replace(/^error: /, '')}${help}`;
  }
}
