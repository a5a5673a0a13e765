/**
 * Renders a document model to PDF and DOCX and turns both into page images to
 * look at, the way a reader would see them.
 *
 *   npx tsx scripts/docs-preview.ts [--out /tmp/docs] [--markup file.md] [--dpi 70]
 *
 * Without --markup the hand-built sample model of the renderer tests is used.
 * With --markup, a markup file (templates/MARKUP.md) is parsed; its figures and
 * tables are the sample's (ids bar-total, bar-top12, appendix).
 *
 * Needs poppler-utils (pdftoppm, pdffonts) and, for the DOCX, LibreOffice:
 *   apt-get install -y poppler-utils
 *   apt-get install -y --no-install-recommends libreoffice-writer-nogui
 * LibreOffice sees the npm Noto fonts through a fonts.conf written into the
 * output folder (FONTCONFIG_FILE).
 *
 * Output: <out>/sample.pdf, sample.docx, pdf-N.png (pages of the PDF),
 * docx-N.png (pages of the DOCX as LibreOffice lays it out), timings.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSampleModel, makeFigure, DISTRICTS, SCORES } from '../test/render/sample-model.js';
import { renderPdfWithInfo } from '../src/render/pdf/index.js';
import { renderDocxWithInfo } from '../src/render/docx/index.js';
import { fontDirs, preloadFonts } from '../src/fonts.js';
import { parseMarkup, type FigureAsset, type TableAsset } from '../src/markup/parse.js';
import type { DocumentModel } from '../src/model/types.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/docs' },
    markup: { type: 'string' },
    dpi: { type: 'string', default: '70' },
  },
});
const out = resolve(values.out!);
mkdirSync(out, { recursive: true });

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

async function modelFromMarkup(file: string): Promise<DocumentModel> {
  const sample = await buildSampleModel();
  const assets = { figures: new Map<string, FigureAsset>(), tables: new Map<string, TableAsset>() };
  for (const b of sample.blocks) {
    if (b.type === 'figure') assets.figures.set(b.id, { number: b.number, caption: b.caption, svg: b.svg, png: b.png, widthPt: b.widthPt, heightPt: b.heightPt, note: b.note });
    if (b.type === 'table') assets.tables.set(b.id, { caption: b.caption, header: b.header, rows: b.rows, align: b.align, widths: b.widths, note: b.note });
  }
  if (!assets.figures.size) assets.figures.set('bar-total', { number: 1, caption: '38个区县双创指数', ...(await makeFigure(440, 200, DISTRICTS, SCORES)) });
  const parsed = parseMarkup(readFileSync(file, 'utf8'), file, assets);
  return { ...sample, blocks: parsed.blocks, footnotes: parsed.footnotes };
}

const t0 = performance.now();
preloadFonts();
const tFonts = performance.now() - t0;
const model = values.markup ? await modelFromMarkup(values.markup) : await buildSampleModel();

const pdf1 = await renderPdfWithInfo(model);
const pdf2 = await renderPdfWithInfo(model);
// The DOCX follows the PDF's layout decisions (figure order and sizes), as the report does.
const docx1 = await renderDocxWithInfo(pdf1.model);
const docx2 = await renderDocxWithInfo(pdf1.model);
writeFileSync(join(out, 'sample.pdf'), pdf1.bytes);
writeFileSync(join(out, 'sample.docx'), docx1.bytes);

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
console.log(`fonts read: ${tFonts.toFixed(0)} ms`);
console.log(`PDF : ${pdf1.info.pages} pages, ${pdf1.bytes.length} bytes, passes ${pdf1.info.passes}, ` + `first ${pdf1.info.ms.toFixed(0)} ms, warm ${pdf2.info.ms.toFixed(0)} ms, deterministic ${same(pdf1.bytes, pdf2.bytes)}`);
console.log(`      footnote marks on pages ${JSON.stringify(pdf1.info.footnotePages)}`);
console.log(`DOCX: ${docx1.bytes.length} bytes, first ${docx1.info.ms.toFixed(0)} ms, warm ${docx2.info.ms.toFixed(0)} ms, ` + `deterministic ${same(docx1.bytes, docx2.bytes)}`);

for (const f of readdirSync(out)) if (/^(pdf|docx)-\d+\.png$/.test(f)) rmSync(join(out, f));

if (have('pdftoppm')) {
  execFileSync('pdftoppm', ['-r', values.dpi!, '-png', join(out, 'sample.pdf'), join(out, 'pdf')]);
  console.log(execFileSync('pdffonts', [join(out, 'sample.pdf')]).toString());
} else {
  console.log('pdftoppm not found: apt-get install -y poppler-utils');
}

if (have('soffice') && have('pdftoppm')) {
  const conf = join(out, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      fontDirs()
        .map((d) => `  <dir>${d}</dir>\n`)
        .join('') +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <cachedir>${join(out, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  const lo = join(out, 'lo');
  mkdirSync(lo, { recursive: true });
  const t = performance.now();
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${join(out, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', lo, join(out, 'sample.docx')], {
    env: { ...process.env, FONTCONFIG_FILE: conf, HOME: out },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) console.log('soffice failed:', r.stderr || r.stdout);
  else {
    console.log(`DOCX → PDF by LibreOffice: ${(performance.now() - t).toFixed(0)} ms`);
    execFileSync('pdftoppm', ['-r', values.dpi!, '-png', join(lo, 'sample.pdf'), join(out, 'docx')]);
    console.log(execFileSync('pdffonts', [join(lo, 'sample.pdf')]).toString());
  }
} else {
  console.log('soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui');
}
console.log(
  `pages to look at: ${readdirSync(out)
    .filter((f) => f.endsWith('.png'))
    .sort()
    .join(' ')} in ${out}`,
);
