import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IndexConfig } from '../config/types.js';
import { dataRowsCsv } from '../data-rows.js';
import type { Dataset } from '../validate/dataset.js';
import { InputError, type InputProblem } from '../errors.js';
import { displayPath } from '../config/load.js';

import type { FileMap } from '../files.js';
export type { FileMap };

/**
 * The inputs a version is built from, as files under inputs/: the data rows the
 * computation reads (with their original file and row, so provenance survives a
 * rebuild), the config and district registry as given, and the templates.
 */
export function snapshotInputs(config: IndexConfig, dataset: Dataset, quarter: string, templatesDir: string): FileMap {
  const files: FileMap = new Map();
  for (const [q, csv] of dataRowsCsv(config, dataset, quarter)) files.set(`inputs/data/${q}.csv`, csv);
  files.set('inputs/config/index.yaml', readFileSync(config.files.config));
  files.set('inputs/config/districts.yaml', readFileSync(config.files.districts));
  for (const name of templateFiles(templatesDir)) files.set(`inputs/templates/${name}`, readFileSync(join(templatesDir, name)));
  return files;
}

/** The files of a templates folder the tool reads, and must find there. */
const REQUIRED_TEMPLATES = ['figures.yaml', 'report/report.hbs', 'report/wording.yaml', 'report/bulletin.yaml'];
/** Only these are read: report/*.hbs (the report and its partials), report/*.yaml, figures.yaml. */
const READ_IN_REPORT = /\.(hbs|yaml)$/;

/**
 * The template files of a folder (paths inside it), after checking that it is a
 * templates folder: nothing else is read, no folder is walked (so `--templates
 * /etc` reads nothing of /etc) and no symbolic link is followed.
 */
export function templateFiles(templatesDir: string): string[] {
  const shown = displayPath(templatesDir);
  const hint = '--templates 应指向含 figures.yaml 与 report/（report.hbs、wording.yaml、bulletin.yaml 等）的模板文件夹；默认是项目的 templates/';
  if (!existsSync(templatesDir)) throw new InputError([{ file: shown, message: '模板文件夹不存在', hint }]);
  if (!statSync(templatesDir).isDirectory()) throw new InputError([{ file: shown, message: '这是一个文件，不是模板文件夹', hint }]);
  const problems: InputProblem[] = [];
  const missing = REQUIRED_TEMPLATES.filter((f) => !existsSync(join(templatesDir, f)));
  if (missing.length) throw new InputError([{ file: shown, message: `不是模板文件夹：缺少 ${missing.join('、')}`, hint }]);
  const names = [
    'figures.yaml',
    ...readdirSync(join(templatesDir, 'report'))
      .sort()
      .filter((n) => READ_IN_REPORT.test(n))
      .map((n) => `report/${n}`),
  ];
  for (const name of ['report', ...names]) {
    const st = lstatSync(join(templatesDir, name));
    if (st.isSymbolicLink()) problems.push({ file: displayPath(join(templatesDir, name)), message: '是符号链接：模板文件夹中的符号链接不被跟随（以免把别处的文件读进归档）', hint: '把链接换成文件本身（复制过来）' });
    else if (name !== 'report' && !st.isFile()) problems.push({ file: displayPath(join(templatesDir, name)), message: '不是普通文件', hint: '模板应是普通的文本文件' });
  }
  if (problems.length) throw new InputError(problems);
  return names;
}
