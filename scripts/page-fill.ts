/**
 * How full each page of a PDF is: where its content ends within the text block
 * (running header and page number left out), as a share of the block's height.
 * The target for the sample: no page but the last below 80 %.
 *
 *   npx tsx scripts/page-fill.ts output/2018Q3/v1/report.pdf
 *
 * Needs pdftoppm (apt-get install -y poppler-utils), a checking tool only.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { MARGIN, PAGE } from '../src/render/common.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('用法：npx tsx scripts/page-fill.ts <report.pdf>\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'page-fill-'));
try {
  execFileSync('pdftoppm', ['-r', '36', '-png', file, join(dir, 'p')]);
  const pages = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort();
  for (const [n, name] of pages.entries()) {
    const img = await loadImage(join(dir, name));
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, img.width, img.height);
    const k = img.height / PAGE.height;
    const top = Math.round(MARGIN.top * k);
    const bottom = Math.round((PAGE.height - MARGIN.bottom) * k);
    let lowest = top;
    for (let y = top + 2; y < bottom; y++) {
      for (let x = 0; x < img.width; x++) {
        const i = (y * img.width + x) * 4;
        if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) {
          lowest = y;
          break;
        }
      }
    }
    const share = Math.round(((lowest - top) / (bottom - top)) * 100);
    console.log(`page ${n + 1}: content ends at ${share} % of the text block${n < pages.length - 1 && share < 80 ? '  ← under 80 %' : ''}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
