/**
 * The fonts of the report, found in node_modules (never by absolute path).
 *
 *  - serif (宋体 role, body text): Noto Serif SC 400 / 700
 *  - sans  (黑体 role, headings, captions, running header, and the figures' labels): Noto Sans SC 400 / 700
 *
 * Reading the four TrueType files (≈ 50 MB together) is the costly part of a
 * build, so a FontSet is loaded once per process and cached; callers that
 * render many documents pass the same FontSet to every render (and may later
 * swap in a pre-subset or pre-parsed set with the same shape).
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);

export type FontRole = 'serif' | 'sans';
export type FontWeight = 'regular' | 'bold';

export interface FontFace {
  /** Family name as the font's name table gives it ("Noto Serif SC"); used by the DOCX renderer and fontconfig. */
  family: string;
  weight: FontWeight;
  /** Absolute path, resolved through node_modules at run time. */
  path: string;
  /** The file's bytes; loaded lazily and kept for the life of the FontSet. */
  readonly bytes: Buffer;
}

export interface FontSet {
  serif: { regular: FontFace; bold: FontFace };
  sans: { regular: FontFace; bold: FontFace };
  /**
   * A key identifying the bytes, so a renderer can tell whether a cached
   * derived object (registered virtual files, parsed fonts) belongs to this set.
   */
  readonly key: string;
}

const FILES: Record<FontRole, { family: string; pkg: string; regular: string; bold: string }> = {
  serif: {
    family: 'Noto Serif SC',
    pkg: '@expo-google-fonts/noto-serif-sc',
    regular: '400Regular/NotoSerifSC_400Regular.ttf',
    bold: '700Bold/NotoSerifSC_700Bold.ttf',
  },
  sans: {
    family: 'Noto Sans SC',
    pkg: '@expo-google-fonts/noto-sans-sc',
    regular: '400Regular/NotoSansSC_400Regular.ttf',
    bold: '700Bold/NotoSansSC_700Bold.ttf',
  },
};

/** Family names written into documents (DOCX w:rFonts, PDF font dictionary names come from the files). */
export const FONT_FAMILIES: Record<FontRole, string> = {
  serif: FILES.serif.family,
  sans: FILES.sans.family,
};

/** Absolute path of one font file, resolved with Node's module resolution. */
export function fontPath(role: FontRole, weight: FontWeight): string {
  const f = FILES[role];
  return require.resolve(`${f.pkg}/${f[weight]}`);
}

/** Folders holding the font files (for a fontconfig file used by previews / LibreOffice). */
export function fontDirs(): string[] {
  const dirs = new Set<string>();
  for (const role of ['serif', 'sans'] as const) {
    for (const weight of ['regular', 'bold'] as const) dirs.add(dirname(fontPath(role, weight)));
  }
  return [...dirs];
}

function lazyFace(role: FontRole, weight: FontWeight): FontFace {
  const path = fontPath(role, weight);
  let bytes: Buffer | undefined;
  return {
    family: FILES[role].family,
    weight,
    path,
    get bytes(): Buffer {
      if (!bytes) bytes = readFileSync(path);
      return bytes;
    },
  };
}

/** Builds a new FontSet (files are read on first use of `bytes`). Prefer `defaultFontSet()`. */
export function createFontSet(): FontSet {
  const set: FontSet = {
    serif: { regular: lazyFace('serif', 'regular'), bold: lazyFace('serif', 'bold') },
    sans: { regular: lazyFace('sans', 'regular'), bold: lazyFace('sans', 'bold') },
    key: '',
  };
  Object.defineProperty(set, 'key', {
    value: [set.serif.regular, set.serif.bold, set.sans.regular, set.sans.bold].map((f) => f.path).join('|'),
  });
  return set;
}

let cached: FontSet | undefined;

/** The process-wide FontSet: files are read once and reused by every render. */
export function defaultFontSet(): FontSet {
  if (!cached) cached = createFontSet();
  return cached;
}

/** Reads every file of the set now (e.g. at start-up, so the first render is not the slow one). */
export function preloadFonts(set: FontSet = defaultFontSet()): FontSet {
  for (const f of [set.serif.regular, set.serif.bold, set.sans.regular, set.sans.bold]) void f.bytes.length;
  return set;
}
