/**
 * Small things every stage may use: the files a report produces (the report makes
 * them, the archive stores them), and paths as messages show them.
 */
import { relative } from 'node:path';

/** Files by their name in a report folder (figures/fig01-map-total.svg …). */
export type FileMap = Map<string, Uint8Array>;

/** Paths in messages and documents are relative to the working folder (no absolute paths leak). */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel || file;
}
