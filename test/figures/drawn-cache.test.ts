import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { buildFigures, createFigureMemo, type ReportFigure } from '../../src/figures/build.js';
import { loadFigureSpecs, numberFigures } from '../../src/figures/spec.js';
import { takeRenderTimings } from '../../src/figures/render.js';
import { decodeDrawn, drawingKey, encodeDrawn } from '../../src/figures/drawn-cache.js';
import { DEFAULT_TEMPLATES, figuresFor } from '../../src/report.js';
import { blobCache, dataCache } from '../../src/bundle.mjs';
import type { Ledger } from '../../src/facts/types.js';
import type { NumberedFigure } from '../../src/figures/spec.js';
import { tempDir } from '../helpers.js';

let ledger: Ledger;
let specs: NumberedFigure[];
const cacheDir = tempDir('scindex-figure-cache-');
const saved = process.env.SCINDEX_CACHE_DIR;

beforeAll(async () => {
  process.env.SCINDEX_CACHE_DIR = cacheDir;
  ({ ledger } = await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' }, {}));
  specs = numberFigures(figuresFor(ledger, loadFigureSpecs(join(DEFAULT_TEMPLATES, 'figures.yaml'), { nodes: [ledger.meta.root, ...ledger.meta.firstLevel] })));
}, 120_000);
afterAll(() => {
  if (saved === undefined) delete process.env.SCINDEX_CACHE_DIR;
  else process.env.SCINDEX_CACHE_DIR = saved;
});

/** A memo as a fresh process has it: nothing in memory, the store on disk behind it. */
const freshMemo = () => createFigureMemo({ store: { ...dataCache, ...blobCache }, codeDigest: () => 'drawn-cache-test' });

/** Every drawing's bytes, in figure order (full and half width). */
const bytesOf = (figures: ReportFigure[]) => figures.flatMap((f) => [f.rendered, ...(f.half ? [f.half] : [])]).map((r) => ({ svg: r.svg, png: Buffer.from(r.png).toString('base64'), w: r.widthPt, h: r.heightPt }));

const blobs = () => readdirSync(join(cacheDir, 'blobs')).filter((f) => f.startsWith('figure-'));

describe('drawn figures kept by what they draw', () => {
  it('a fresh process reads the figures drawn before instead of drawing them, byte for byte the same; damaged entries are drawn again', async () => {
    takeRenderTimings();
    const drawn = await buildFigures(ledger, specs, { memo: freshMemo() });
    const renders = takeRenderTimings().length;
    expect(renders).toBeGreaterThan(specs.length - 1); // every figure, and the halves of pairs
    expect(blobs()).toHaveLength(renders);

    const read = await buildFigures(ledger, specs, { memo: freshMemo() });
    expect(takeRenderTimings()).toHaveLength(0);
    expect(bytesOf(read)).toEqual(bytesOf(drawn));

    // a disk full mid-write, a flipped bit, a file of another kind: each is ignored and replaced
    const damages = [(b: Buffer) => b.subarray(0, b.length - 100), (b: Buffer) => Buffer.from(b.map((x, i) => (i === b.length - 10 ? x ^ 1 : x))), () => Buffer.from('{"svg": "<svg/>"}')];
    blobs().forEach((f, i) => {
      const path = join(cacheDir, 'blobs', f);
      writeFileSync(path, damages[i % damages.length](readFileSync(path)));
      expect(decodeDrawn(readFileSync(path))).toBeUndefined();
    });
    const redrawn = await buildFigures(ledger, specs, { memo: freshMemo() });
    expect(takeRenderTimings()).toHaveLength(renders);
    expect(bytesOf(redrawn)).toEqual(bytesOf(drawn));
    for (const f of blobs()) expect(decodeDrawn(readFileSync(join(cacheDir, 'blobs', f)))).toBeDefined();
  }, 240_000);

  it('a warm process redraws only the figures whose data changed', async () => {
    const memo = freshMemo();
    const before = await buildFigures(ledger, specs, { memo });
    takeRenderTimings();
    // One district's score of one first-level index changes: only that index's figures are drawn again.
    const node = ledger.meta.firstLevel[1];
    const changed: Ledger = structuredClone(ledger);
    changed.districts[5].scores[node].score += 0.5;
    const after = await buildFigures(changed, specs, { memo });
    const redrawn = after.filter((f, i) => f.rendered !== before[i].rendered);
    expect(redrawn.length).toBeGreaterThan(0);
    expect(redrawn.every((f) => f.spec.node === node)).toBe(true);
    expect(takeRenderTimings()).toHaveLength(redrawn.reduce((n, f) => n + (f.half ? 2 : 1), 0));
    // and they are what a memo that never saw the first data draws
    expect(bytesOf(after)).toEqual(bytesOf(await buildFigures(changed, specs, { memo: createFigureMemo() })));
  }, 240_000);

  it('keys tell apart what JSON would not (−0 and 0, NaN and null)', () => {
    expect(drawingKey({ v: -0 })).not.toBe(drawingKey({ v: 0 }));
    expect(drawingKey({ v: Number.NaN })).not.toBe(drawingKey({ v: null }));
    expect(drawingKey({ v: [1.5, 'a'] })).toBe(drawingKey({ v: [1.5, 'a'] }));
  });

  it('an entry reads back as the figure written', () => {
    const f = { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>', png: new Uint8Array([137, 80, 78, 71, 1, 2, 3]), widthPt: 10, heightPt: 5 };
    expect(decodeDrawn(encodeDrawn(f))).toEqual(f);
  });
});

describe('the cache folder of drawn figures is bounded', () => {
  it('beyond its limit the least recently used entries go first; one just read stays', () => {
    const dir = tempDir('scindex-blob-limit-');
    const saved = { dir: process.env.SCINDEX_CACHE_DIR, limit: process.env.SCINDEX_CACHE_LIMIT_MB };
    process.env.SCINDEX_CACHE_DIR = dir;
    process.env.SCINDEX_CACHE_LIMIT_MB = '1';
    try {
      const entry = Buffer.alloc(200 * 1024, 7);
      for (let i = 0; i < 4; i++) {
        blobCache.writeBytes(`figure-old-${i}`, entry);
        utimesSync(join(dir, 'blobs', `figure-old-${i}`), new Date(Date.now() - (10 - i) * 60_000), new Date(Date.now() - (10 - i) * 60_000));
      }
      expect(Buffer.from(blobCache.readBytes('figure-old-0')!).equals(entry)).toBe(true); // read now: the most recently used
      for (let i = 0; i < 2; i++) blobCache.writeBytes(`figure-new-${i}`, entry);
      const left = readdirSync(join(dir, 'blobs'));
      const total = left.reduce((n, f) => n + statSync(join(dir, 'blobs', f)).size, 0);
      expect(total).toBeLessThanOrEqual(1024 * 1024);
      expect(left).toContain('figure-old-0');
      expect(left).not.toContain('figure-old-1');
      expect(left).toContain('figure-new-1');
    } finally {
      process.env.SCINDEX_CACHE_DIR = saved.dir;
      if (saved.limit === undefined) delete process.env.SCINDEX_CACHE_LIMIT_MB;
      else process.env.SCINDEX_CACHE_LIMIT_MB = saved.limit;
      if (saved.dir === undefined) delete process.env.SCINDEX_CACHE_DIR;
    }
  });
});
