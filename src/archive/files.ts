import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileMap } from './snapshot.js';

/**
 * Walking the archive's folders without ever following a symbolic link: a link
 * inside a version could make `issue` change the permissions of a file
 * elsewhere, or make `verify` read one. Links and special files are returned
 * apart, for the caller to refuse or report.
 */
export interface Walked {
  /** Regular files, in a stable order. */
  files: string[];
  /** Anything else found: symbolic links, sockets, devices. */
  others: string[];
  /** Folders below the root (deepest last). */
  dirs: string[];
}

export function walkNoLinks(root: string): Walked {
  const out: Walked = { files: [], others: [], dirs: [] };
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        out.dirs.push(path);
        visit(path);
      } else if (st.isFile()) out.files.push(path);
      else out.others.push(path);
    }
  };
  visit(root);
  return out;
}

/** A folder's regular files by their path inside it (`a/b.txt`), read without following links. */
export function readFilesNoLinks(dir: string): { files: FileMap; others: string[] } {
  const { files, others } = walkNoLinks(dir);
  const rel = (p: string) =>
    p
      .slice(dir.length + 1)
      .split('\\')
      .join('/');
  return { files: new Map(files.map((p) => [rel(p), readFileSync(p)])), others: others.map(rel) };
}
