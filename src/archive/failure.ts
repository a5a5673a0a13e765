import { YAMLError } from 'yaml';
import { InputError } from '../errors.js';
import { ArchiveError } from './errors.js';
import { FactCheckError } from '../report.js';
import { TemplateError } from '../narrative/index.js';

/** What a failure is, as a plain object (a batch worker sends it across threads, where classes are lost). */
export interface FailureShape {
  name: string;
  message: string;
  stack?: string;
  /** errno code of a file-system error. */
  code?: string;
  path?: string;
  /** ArchiveError's kind. */
  fault?: string;
  linePos?: { line: number; col: number }[];
}

export function failureShape(e: unknown): FailureShape {
  const x = (e ?? {}) as Partial<FailureShape> & { code?: unknown };
  const name =
    e instanceof InputError
      ? 'InputError'
      : e instanceof ArchiveError
        ? 'ArchiveError'
        : e instanceof FactCheckError
          ? 'FactCheckError'
          : e instanceof TemplateError
            ? 'TemplateError'
            : e instanceof YAMLError
              ? 'YAMLError'
              : String(x.name ?? 'Error');
  return { name, message: String(x.message ?? e), stack: x.stack, ...(typeof x.code === 'string' ? { code: x.code } : {}), ...(x.path ? { path: x.path } : {}), ...(x.fault ? { fault: x.fault } : {}), ...(x.linePos ? { linePos: x.linePos } : {}) };
}
