import { join, resolve } from 'node:path';
import { displayPath } from '../config/load.js';
import { InputError } from '../errors.js';
import { TemplateError } from '../narrative/index.js';

/** Where the user's own files are, for the parts of a build's snapshot. */
export interface UserPaths {
  templates: string;
  config: string;
  districts: string;
  data: string;
}

/**
 * A version is built from its snapshot in a temporary folder that is gone when
 * the user reads the message; a template error there must name the user's own
 * file (templates/report/level.hbs), not the snapshot's copy.
 */
export function mapSnapshotPaths(error: unknown, inputsDir: string, user: UserPaths): unknown {
  const pairs: [string, string][] = [
    [join(inputsDir, 'config/districts.yaml'), user.districts],
    [join(inputsDir, 'config/index.yaml'), user.config],
    [join(inputsDir, 'templates'), user.templates],
    [join(inputsDir, 'data'), user.data],
  ].flatMap(([from, to]) => {
    const shown = displayPath(resolve(to));
    return [...new Set([resolve(from), from, displayPath(resolve(from))])].map((f): [string, string] => [f, shown]);
  });
  // Longest first, so that an absolute path is replaced before the relative form inside it.
  pairs.sort((a, b) => b[0].length - a[0].length);
  const fix = (s: string) => pairs.reduce((acc, [from, to]) => acc.split(from).join(to), s);
  // A plain error that begins by naming a template file (wording.yaml: …) is about that file, not a fault of the program.
  const templates = [resolve(inputsDir, 'templates'), join(inputsDir, 'templates')];
  if (error instanceof Error && error.constructor === Error && templates.some((t) => error.message.startsWith(t + '/'))) {
    const [, file, detail] = /^([^:]+):\s*([\s\S]*)$/.exec(error.message) ?? [];
    if (file && detail) return new TemplateError(fix(file), null, detail);
  }
  if (error instanceof InputError) for (const p of error.problems) p.file = fix(p.file);
  if (error instanceof Error) {
    const withFile = error as Error & { file?: unknown };
    if (typeof withFile.file === 'string') {
      // A template error may name its file alone (level.hbs): say which folder it is in.
      if (/^[^/\\]+\.(hbs|yaml)$/.test(withFile.file) && error.message.startsWith(withFile.file)) {
        const full = displayPath(resolve(join(user.templates, withFile.file === 'figures.yaml' ? '' : 'report', withFile.file)));
        error.message = full + error.message.slice(withFile.file.length);
        withFile.file = full;
      } else withFile.file = fix(withFile.file);
    }
    error.message = fix(error.message);
    if (error.stack) error.stack = fix(error.stack);
  }
  return error;
}
