import { expect } from 'vitest';
import { buildFacts } from '../../src/pipeline.js';
import { InputError, type InputProblem } from '../../src/errors.js';
import { tempDir, writeFile } from '../helpers.js';

/** The columns of the default tree's eleven indicators, and a row of plausible values for them. */
export const INDICATORS = ['新注册企业数', '新注册企业数环比增长率', '科技型企业数', '创业投资额', '众创空间数', '科技企业孵化器数', '知识产权保护程度', '社会关注度', '新增就业岗位数', '就业潜力', '高新技术产品产值'];
export const ROW = [500, 5, 300, 5, 10, 3, 70, 20000, 8000, 50, 100];

/** Builds the facts of a data folder made of `files`; returns the InputError it must raise. */
export async function inputErrorOf(files: Record<string, string | Uint8Array>, opts: { quarter?: string; config?: string } = {}): Promise<InputError> {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFile(dir, name, content);
  try {
    await buildFacts({ data: dir, ...opts });
  } catch (e) {
    if (e instanceof InputError) {
      expectReadable(e);
      return e;
    }
    throw e;
  }
  throw new Error('expected an InputError');
}

export async function problemsOf(files: Record<string, string | Uint8Array>, opts: { quarter?: string; config?: string } = {}): Promise<InputProblem[]> {
  return (await inputErrorOf(files, opts)).problems;
}

/** What every message must be: Chinese, with a hint, and free of raw control, zero-width and bidi characters. */
export function expectReadable(e: InputError): void {
  for (const p of e.problems) {
    expect(p.message).toMatch(/\p{Script=Han}/u);
    if (p.hint) expect(p.hint).toMatch(/\p{Script=Han}/u);
  }
  expect(e.message).not.toMatch(/[\p{Cf}\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u);
}
