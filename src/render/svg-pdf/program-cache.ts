/**
 * Compiled figures kept by their SVG: compiling a figure's SVG into PDF
 * operators is a pure function of the SVG (and the code), about 50 ms for the
 * sample's figures in a warm process and 170–300 ms in a fresh one (the
 * compiler's code is cold there). A warm process keeps the last few dozen in
 * memory (a wording save compiles none); with a store (setProgramStore), a
 * fresh process reads the ones compiled before.
 *
 * An entry holds the program with its shared outlines as what they are made
 * of (path data, precision and painting, operators, bounds): linked into a
 * document's SharedPaths as compiling would link them (SharedPaths.link), so a
 * document made of cached and freshly compiled figures is byte for byte the
 * one compiled from scratch. On disk an entry carries the SHA-256 of its
 * bytes; one that does not match, is cut short or of another format is
 * ignored (compiled again and replaced).
 */
import { createHash } from 'node:crypto';
import { compileSvg, type CompileResult, type OpacityPart, type SharedPaths, type SvgProgram } from './compile.js';

/** Bytes kept across processes; failures only mean no cache (read: undefined, write: nothing). */
export interface ProgramStore {
  readBytes(name: string): Uint8Array | undefined;
  writeBytes(name: string, bytes: Uint8Array): void;
}

interface OutlineRef {
  d: string;
  variant: string;
  content: Uint8Array;
  bbox: [number, number, number, number];
}

/** A compiled SVG with its shared outlines unlinked from any document. */
interface Template {
  program: Omit<SvgProgram, 'parts'>;
  parts: (Uint8Array | OpacityPart | OutlineRef)[];
}

let store: ProgramStore | undefined;
let codeDigest: () => string = () => '';

/** Keeps compiled figures in `s` across processes; `digest` names the code that compiles them. */
export function setProgramStore(s: ProgramStore | undefined, digest: () => string): void {
  store = s;
  codeDigest = digest;
}

/** Compiled figures held in memory (a document's worth, and some). */
const HELD = 24;
const held = new Map<string, Template>();

const MAGIC = 'scindex-svg-pdf 1';

function encode(t: Template): Uint8Array {
  const blobs: Uint8Array[] = [];
  const parts = t.parts.map((p) => {
    if (p instanceof Uint8Array) {
      blobs.push(p);
      return ['b', p.length];
    }
    if ('content' in p) {
      const d = Buffer.from(p.d, 'utf8');
      blobs.push(d, p.content);
      return ['s', p.variant, d.length, p.content.length, p.bbox];
    }
    return ['o', p.ca, p.CA];
  });
  const head = Buffer.from(JSON.stringify({ program: t.program, parts }), 'utf8');
  const body = Buffer.concat([head, ...blobs]);
  return Buffer.concat([Buffer.from(`${MAGIC} ${head.length} ${body.length} ${createHash('sha256').update(body).digest('hex')}\n`, 'latin1'), body]);
}

type PartRecord = ['b', number] | ['s', string, number, number, [number, number, number, number]] | ['o', number | null, number | null];

function decode(bytes: Uint8Array): Template | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const nl = buf.indexOf(10);
  if (nl < 0 || nl > 200) return undefined;
  const m = /^scindex-svg-pdf 1 (\d+) (\d+) ([0-9a-f]{64})$/.exec(buf.toString('latin1', 0, nl));
  if (!m || buf.length !== nl + 1 + Number(m[2])) return undefined;
  const body = buf.subarray(nl + 1);
  if (createHash('sha256').update(body).digest('hex') !== m[3]) return undefined;
  try {
    const { program, parts } = JSON.parse(body.toString('utf8', 0, Number(m[1]))) as { program: Template['program']; parts: PartRecord[] };
    let at = Number(m[1]);
    const take = (n: number) => new Uint8Array(body.subarray(at, (at += n)));
    const out: Template['parts'] = parts.map((p) => {
      if (p[0] === 'b') return take(p[1]);
      if (p[0] === 's') return { variant: p[1], d: Buffer.from(take(p[2])).toString('utf8'), content: take(p[3]), bbox: p[4] };
      return { ca: p[1], CA: p[2] };
    });
    return at === body.length ? { program, parts: out } : undefined;
  } catch {
    return undefined;
  }
}

/** The template of a compiled program: its shared outlines as what they are made of. */
function templateOf(program: SvgProgram): Template {
  const { parts, ...rest } = program;
  return { program: rest, parts: parts.map((p) => (p instanceof Uint8Array || !('content' in p) ? p : { d: p.d, variant: p.variant, content: p.content, bbox: p.bbox })) };
}

/** The program of a template in a document: its outlines linked as compiling would link them. */
function linked(t: Template, shared: SharedPaths): SvgProgram {
  return { ...t.program, parts: t.parts.map((p) => (p instanceof Uint8Array || !('content' in p) ? p : shared.link(p.d, p.variant, p.content, p.bbox))) };
}

function hold(key: string, t: Template): void {
  held.delete(key);
  held.set(key, t);
  while (held.size > HELD) held.delete(held.keys().next().value as string);
}

/** compileSvg(svg, { shared }), from a figure compiled before when there is one. */
export function compileCached(svg: string, shared: SharedPaths): CompileResult {
  const key = createHash('sha256').update(codeDigest()).update('\0').update(svg).digest('hex').slice(0, 40);
  const name = `svg-pdf-${key}`;
  let t = held.get(key);
  if (!t) {
    const stored = store?.readBytes(name);
    t = stored ? decode(stored) : undefined;
    if (!t) {
      const r = compileSvg(svg, { shared });
      if (!r.ok) return r;
      t = templateOf(r.program);
      store?.writeBytes(name, encode(t));
      hold(key, t);
      return r;
    }
  }
  hold(key, t);
  return { ok: true, program: linked(t, shared) };
}

export const forTests = { encode, decode, clear: () => held.clear() };
