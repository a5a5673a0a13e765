/**
 * Tiles page images into one contact sheet, to look at a whole report at once.
 *   npx tsx scripts/contact-sheet.ts out.png page-1.png page-2.png …   (4 per row)
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';

const [out, ...pages] = process.argv.slice(2);
const images = await Promise.all(pages.map((p) => loadImage(p)));
const perRow = Number(process.env.PER_ROW ?? 4);
const w = Math.max(...images.map((i) => i.width));
const h = Math.max(...images.map((i) => i.height));
const rows = Math.ceil(images.length / perRow);
const canvas = createCanvas(w * Math.min(perRow, images.length) + 8 * perRow, h * rows + 8 * rows);
const ctx = canvas.getContext('2d');
ctx.fillStyle = '#888';
ctx.fillRect(0, 0, canvas.width, canvas.height);
images.forEach((img, i) => ctx.drawImage(img, (i % perRow) * (w + 8), Math.floor(i / perRow) * (h + 8)));
writeFileSync(out, await canvas.encode('png'));
