/**
 * What the page shows when something fails: the pipeline's own errors turned
 * into a Chinese message plus the details the page lays out (a table of input
 * problems, the sentences the fact check refused, a template's file and line).
 * No stack trace ever reaches the page; a real bug is logged on the terminal.
 */
import { InputError, type InputProblem } from '../errors.js';
import { FactCheckError } from '../report.js';
import { TemplateError } from '../narrative/index.js';
import { HttpError } from './http.js';
import { ArchiveError } from '../archive/errors.js';
import type { Failure } from './api-types.js';

export type { Failure, ProblemRow } from './api-types.js';

const WHERE: Record<string, string> = { narrative: '文字', PDF: 'PDF', 'Word document': 'Word 文件' };

/** A failure already described (a build that kept its failure for the page). */
export class DescribedFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'DescribedFailure';
  }
}

/** The Chinese description of any error a request or a build ends with. */
export function describeFailure(e: unknown, rename: (file: string) => string = (f) => f): Failure {
  if (e instanceof DescribedFailure) return e.failure;
  if (e instanceof ArchiveError) {
    // The archive's own refusals (a quarter locked by another build, a folder it did not make …) are already in Chinese.
    const status = e.file.endsWith('.lock') ? 409 : 422;
    return { status, message: `${status === 409 ? '该季度正有另一个生成任务在运行：' : ''}${e.message}`, problems: [{ file: rename(e.file), message: e.message.replace(/^[^:]*: /, ''), ...(e.hint ? { hint: e.hint } : {}) }] };
  }
  if (e instanceof HttpError) return { status: e.status, message: e.message, ...e.details };
  if (e instanceof InputError) {
    const lock = e.problems.find((p) => p.file.endsWith('.lock'));
    if (lock) return { status: 409, message: `该季度正有另一个生成任务在运行（${lock.message}）。请等它结束后再试；若确实没有任务在运行，请删除 ${lock.file}。` };
    const problems = e.problems.map((p: InputProblem) => ({ ...p, file: rename(p.file) }));
    return { status: 422, message: `输入有 ${problems.length} 个问题，未生成报告，也没有改动任何文件。`, problems };
  }
  if (e instanceof FactCheckError)
    return {
      status: 422,
      message: `事实核查未通过（${WHERE[e.where] ?? e.where}）：${e.report.problems.length} 处与事实台账不符。上一次成功的预览保持不变。`,
      factCheck: { where: WHERE[e.where] ?? e.where, problems: e.report.problems.map((p) => ({ sentence: p.sentence, message: p.message })) },
    };
  if (e instanceof TemplateError)
    return {
      status: 422,
      message: `模板有错误：${rename(e.file)}${e.line !== null ? ` 第${e.line}行` : ''}。上一次成功的预览保持不变。`,
      template: { file: rename(e.file), line: e.line, detail: e.message },
    };
  if (e instanceof Error && e.name === 'YAMLParseError') {
    // A slip in wording.yaml or another YAML file: the yaml package names the line.
    const line = (e as Error & { linePos?: { line: number }[] }).linePos?.[0]?.line ?? null;
    return { status: 422, message: `YAML 文件有语法错误${line !== null ? `（第${line}行）` : ''}。上一次成功的预览保持不变。`, template: { file: '', line, detail: e.message } };
  }
  console.error('workbench: internal error', e);
  return { status: 500, message: '工作台内部错误（已记录在终端中）。请把终端里的信息发给维护人员。' };
}
