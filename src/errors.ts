/**
 * Errors about the user's input (data, config, templates). They name the place
 * (file, row, column or line), say what is wrong and how to fix it, and are
 * collected so that one run reports every problem of a file at once.
 */
export interface InputProblem {
  file: string;
  /** 1-based row as a spreadsheet shows it (the header is row 1). */
  row?: number;
  /** Column letter (A, B, …) and/or header text. */
  column?: string;
  /** 1-based line in a text file (config, template). */
  line?: number;
  message: string;
  hint?: string;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file];
  if (p.line !== undefined) where.push(`第${p.line}行`);
  if (p.row !== undefined) where.push(`第${p.row}行`);
  if (p.column !== undefined) where.push(`列 ${p.column}`);
  return `${where.join(' ')}: ${p.message}${p.hint ? `\n    → ${p.hint}` : ''}`;
}

export class InputError extends Error {
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[]) {
    super(
      problems.length === 1
        ? formatProblem(problems[0])
        : `${problems.length} problems in the input:\n` + problems.map((p) => '  - ' + formatProblem(p)).join('\n'),
    );
    this.name = 'InputError';
    this.problems = problems;
  }
}

/** Gathers problems while a stage runs, then throws them all together. */
export class ProblemList {
  readonly items: InputProblem[] = [];
  add(p: InputProblem): void {
    this.items.push(p);
  }
  get size(): number {
    return this.items.length;
  }
  throwIfAny(): void {
    if (this.items.length > 0) throw new InputError(this.items);
  }
}
