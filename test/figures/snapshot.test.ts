/**
 * The figures of the sample 2018Q3 report, byte for byte: a refactor of src/figures
 * must leave every SVG and PNG as it was. The snapshot holds each figure's size and
 * the sha256 and length of its SVG and PNG (readable, small), for the half-width
 * set-up of paired figures too, and each figure's alt text, so a change shows which
 * figure moved; `npx vitest run test/figures/snapshot.test.ts -u` accepts a
 * change that is meant (say why in the commit). On a mismatch the figure's files
 * are written to a temporary folder named in the message, to be looked at.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFigures, figureFileStem, type ReportFigure } from '../../src/figures/build.js';
import type { RenderedFigure } from '../../src/figures/types.js';
import { loadFigureSpecs, numberFigures } from '../../src/figures/spec.js';
import { buildFacts, SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

let figures: ReportFigure[];

beforeAll(async () => {
  const { ledger } = await buildFacts({ data: SAMPLE_DATA, quarter: '2018Q3' });
  figures = await buildFigures(ledger, numberFigures(loadFigureSpecs()));
}, 120_000);

/** What the snapshot records of one figure. */
function drawing(r: RenderedFigure) {
  return {
    size: `${r.widthPt}×${r.heightPt} pt`,
    svg: { bytes: Buffer.byteLength(r.svg), sha256: sha256(r.svg) },
    png: { bytes: r.png.length, sha256: sha256(r.png) },
  };
}

function summary(f: ReportFigure) {
  return {
    figure: figureFileStem(f),
    caption: f.caption,
    ...drawing(f.rendered),
    ...(f.half ? { half: drawing(f.half) } : {}),
    altText: f.altText,
  };
}

describe('the figures of the sample report (2018Q3)', () => {
  it('are the same bytes as the snapshot', async () => {
    const now = figures.map(summary);
    const text = JSON.stringify(now, null, 2) + '\n';
    try {
      await expect(text).toMatchFileSnapshot('__snapshots__/sample-2018Q3.json');
    } catch (e) {
      const dir = tempDir('scindex-figures-');
      for (const f of figures) {
        writeFileSync(join(dir, `${figureFileStem(f)}.svg`), f.rendered.svg);
        writeFileSync(join(dir, `${figureFileStem(f)}.png`), f.rendered.png);
        if (f.half) writeFileSync(join(dir, `${figureFileStem(f)}-half.png`), f.half.png);
      }
      throw new Error(`${(e as Error).message}\nthe figures as drawn now are in ${dir}`);
    }
  });
});
