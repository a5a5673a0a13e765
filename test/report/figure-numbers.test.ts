/**
 * 图N is decided once (document/figure-numbers.ts): a quarter without a previous one
 * draws no change figures, and the figures after them move up — alike in the
 * captions and alt text, the figure files, the document and the fact check of the
 * text's references (见图N).
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport, DEFAULT_TEMPLATES, FactCheckError, type ReportBuild } from '../../src/report.js';
import { SAMPLE_DATA } from '../../src/pipeline.js';
import { tempDir } from '../helpers.js';

const T = 180_000;
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const squash = (s: string) => s.replace(/\s+/g, '');

/** The templates with a reference to figure `n` after the ranking sentence of 双创活力 (level.hbs). */
function referring(n: number): string {
  const dir = join(tempDir(), 'templates');
  cpSync(DEFAULT_TEMPLATES, dir, { recursive: true });
  const file = join(dir, 'report/level.hbs');
  const find = '{{join level.top}}的{{node}}{{strong}}';
  const src = readFileSync(file, 'utf8');
  expect(src).toContain(find);
  writeFileSync(file, src.replace(find, `${find}{{#if (eq node "双创活力")}}（见图${n}）{{/if}}`));
  return dir;
}

let q1: ReportBuild;
let listed: { number: number; id: string; caption: string }[];

beforeAll(async () => {
  // 2017Q1: no previous quarter, so no change figures; the map of 双创活力 is 图3 (图4 with a previous quarter).
  q1 = await buildReport({ data: SAMPLE_DATA, quarter: '2017Q1', templatesDir: referring(3) });
  listed = JSON.parse(text(q1.files.get('figures/figures.json')!));
}, T);

describe('figures dropped for want of a previous quarter (2017Q1)', () => {
  it('numbers the rest 1..n without a gap, in the files as in the figures drawn', () => {
    expect(listed.map((f) => [f.number, f.id]).slice(0, 4)).toEqual([
      [1, 'map-total'],
      [2, 'bars-total'],
      [3, 'map-vitality'],
      [4, 'bars-vitality'],
    ]);
    expect(listed.map((f) => f.number)).toEqual(listed.map((_, i) => i + 1));
    expect(listed.some((f) => f.id.startsWith('change-') || f.id.startsWith('two-quarter'))).toBe(false);
    for (const f of listed) {
      const drawn = q1.figures!.find((x) => x.spec.id === f.id)!;
      expect(drawn.spec.number, f.id).toBe(f.number);
      expect(f.caption, f.id).toBe(`图${f.number} ${drawn.caption}`);
      expect(drawn.altText.startsWith(`图${f.number} ${drawn.caption}：`), f.id).toBe(true);
      expect(q1.files.has(`figures/fig${String(f.number).padStart(2, '0')}-${f.id}.svg`), f.id).toBe(true);
    }
  });

  it('prints the same numbers and captions in the document, in order', async () => {
    const zip = await JSZip.loadAsync(q1.files.get('report.docx')!);
    const doc = (await zip.file('word/document.xml')!.async('string')).replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_, t) => t ?? '');
    let at = 0;
    for (const f of listed) {
      const i = squash(doc).indexOf(squash(f.caption), at);
      expect(i, f.caption).toBeGreaterThanOrEqual(0);
      at = i;
    }
  });

  it('checks the text’s 见图N against the same numbers: 图3 is the map of 双创活力', async () => {
    expect(text(q1.files.get('narrative.md')!)).toContain('（见图3）');
    expect(q1.factCheck!.narrative.byKind.figure).toBeGreaterThanOrEqual(1);
    const wrong = await buildReport({ data: SAMPLE_DATA, quarter: '2017Q1', templatesDir: referring(2) }).catch((e) => e);
    expect(wrong).toBeInstanceOf(FactCheckError);
    expect((wrong as FactCheckError).report.problems.map((p) => p.message)).toContain('图2画的是双创指数，句中说的是双创活力；相符的是图3、图4');
  });
});
