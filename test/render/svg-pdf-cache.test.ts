import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { buildFigures, createFigureMemo } from '../../src/figures/build.js';
import { loadFigureSpecs, numberFigures } from '../../src/figures/spec.js';
import { DEFAULT_TEMPLATES, figuresFor } from '../../src/report.js';
import { FigureSet, setProgramStore, type SvgFigure } from '../../src/render/svg-pdf/index.js';
import { forTests } from '../../src/render/svg-pdf/program-cache.js';
import { blobCache } from '../../src/bundle.mjs';
import { tempDir } from '../helpers.js';

let svgs: string[];

beforeAll(async () => {
  const { ledger } = await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' }, {});
  const specs = numberFigures(figuresFor(ledger, loadFigureSpecs(join(DEFAULT_TEMPLATES, 'figures.yaml'), { nodes: [ledger.meta.root, ...ledger.meta.firstLevel] })));
  const figures = await buildFigures(ledger, specs, { memo: createFigureMemo() });
  svgs = figures.flatMap((f) => [f.rendered.svg, ...(f.half ? [f.half.svg] : [])]);
}, 120_000);
afterAll(() => {
  setProgramStore(undefined, () => '');
  forTests.clear();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Everything a document gets of a figure set: each figure's form content and the shared forms and opacity states it names. */
async function setBytes(list: string[]): Promise<string[]> {
  const set = new FigureSet();
  const figures = list.map((svg) => set.add(svg).figure as SvgFigure);
  await set.ready();
  return figures.map((f) => [sha(f.deflated!), ...[...f.xobjects].map(([n, sf]) => `${n} ${sha(sf.deflated!)} ${sf.path.bbox.join(',')}`), ...[...f.gstates].map(([n, g]) => `${n} ${g.ca} ${g.CA}`)].join('\n'));
}

/** A store in memory that counts its reads and writes. */
function countingStore() {
  const entries = new Map<string, Uint8Array>();
  const counts = { reads: 0, hits: 0, writes: 0 };
  return {
    entries,
    counts,
    readBytes: (name: string) => {
      counts.reads++;
      const e = entries.get(name);
      if (e) counts.hits++;
      return e;
    },
    writeBytes: (name: string, bytes: Uint8Array) => {
      counts.writes++;
      entries.set(name, bytes);
    },
  };
}

describe('figures compiled into PDF operators, kept by their SVG', () => {
  it('a document of figures compiled before, or of some compiled before and some not, gets the same bytes as one compiled from scratch', async () => {
    setProgramStore(undefined, () => 'test');
    forTests.clear();
    const scratch = await setBytes(svgs);
    forTests.clear();
    await setBytes(svgs.filter((_s, i) => i % 3 === 1)); // a third of them compiled before, in another document
    expect(await setBytes(svgs)).toEqual(scratch);
    expect(await setBytes(svgs)).toEqual(scratch); // all of them held
  }, 60_000);

  it('a fresh process reads them from the store; a damaged entry is compiled again and replaced', async () => {
    const store = countingStore();
    setProgramStore(store, () => 'test-store');
    forTests.clear();
    const scratch = await setBytes(svgs);
    expect(store.counts.writes).toBe(new Set(svgs).size);
    forTests.clear(); // as a new process: nothing in memory
    store.counts.hits = 0;
    expect(await setBytes(svgs)).toEqual(scratch);
    expect(store.counts.hits).toBe(svgs.length);
    const names = [...store.entries.keys()];
    names.forEach((n, i) => {
      const e = Buffer.from(store.entries.get(n)!);
      if (i % 2) e[e.length - 3] ^= 1;
      store.entries.set(n, i % 2 ? e : e.subarray(0, e.length - 7));
      expect(forTests.decode(store.entries.get(n)!)).toBeUndefined();
    });
    forTests.clear();
    store.counts.writes = 0;
    expect(await setBytes(svgs)).toEqual(scratch);
    expect(store.counts.writes).toBe(names.length);
    for (const n of names) expect(forTests.decode(store.entries.get(n)!)).toBeDefined();
  }, 60_000);

  it('works over the cache folder the command uses', async () => {
    const saved = process.env.SCINDEX_CACHE_DIR;
    process.env.SCINDEX_CACHE_DIR = tempDir('scindex-svg-pdf-cache-');
    setProgramStore(blobCache, () => 'test-blob-cache');
    forTests.clear();
    const scratch = await setBytes(svgs.slice(0, 3));
    forTests.clear();
    expect(await setBytes(svgs.slice(0, 3))).toEqual(scratch);
    if (saved === undefined) delete process.env.SCINDEX_CACHE_DIR;
    else process.env.SCINDEX_CACHE_DIR = saved;
  }, 60_000);
});
