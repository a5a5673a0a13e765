/** The folders the workbench works in, all resolved once at start. */
import { mkdirSync, realpathSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { DEFAULT_CONFIG } from '../config/load.js';
import { DEFAULT_TEMPLATES } from '../report.js';

export interface Workspace {
  /** The data folder: the accepted CSV/XLSX files, under their own names. */
  data: string;
  /** The archive folder (versions, previews). */
  out: string;
  /** The templates the editors change (wording.yaml, the paragraph templates). */
  templates: string;
  config: string;
  /** The workbench's own records: earlier data files, earlier template texts (`<out>/.workbench/`). */
  state: string;
}

export function openWorkspace(opts: { data: string; out: string; templates?: string; config?: string }): Workspace {
  for (const dir of [opts.data, opts.out]) mkdirSync(dir, { recursive: true });
  const out = realpathSync(resolve(opts.out));
  const state = join(out, '.workbench');
  mkdirSync(state, { recursive: true });
  return {
    data: realpathSync(resolve(opts.data)),
    out,
    templates: realpathSync(resolve(opts.templates ?? DEFAULT_TEMPLATES)),
    config: resolve(opts.config ?? DEFAULT_CONFIG),
    state,
  };
}

/** A file named in a message, as the page names it: templates by their path inside the templates folder, data by file name. */
export function workspaceName(ws: Workspace, file: string): string {
  const abs = resolve(file);
  for (const [root, prefix] of [
    [ws.templates, ''],
    [ws.data, ''],
  ] as const)
    if (abs.startsWith(root + sep)) return prefix + relative(root, abs).split(sep).join('/');
  return file;
}
