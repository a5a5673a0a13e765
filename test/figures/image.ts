/** Helpers for looking at rendered figures in tests: decode PNGs, check SVG structure. */
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

export async function decodePng(png: Uint8Array): Promise<Pixels> {
  const img = await loadImage(Buffer.from(png));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const d = ctx.getImageData(0, 0, img.width, img.height);
  return { width: img.width, height: img.height, data: d.data };
}

export const hex = (r: number, g: number, b: number) => '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');

/** Pixel counts by exact colour (#rrggbb) within a rectangle (fractions of the image). */
export function colourCounts(p: Pixels, box: { x0: number; y0: number; x1: number; y1: number } = { x0: 0, y0: 0, x1: 1, y1: 1 }): Map<string, number> {
  const counts = new Map<string, number>();
  const xs = Math.floor(box.x0 * p.width);
  const xe = Math.floor(box.x1 * p.width);
  const ys = Math.floor(box.y0 * p.height);
  const ye = Math.floor(box.y1 * p.height);
  for (let y = ys; y < ye; y++) {
    for (let x = xs; x < xe; x++) {
      const i = (y * p.width + x) * 4;
      const k = hex(p.data[i], p.data[i + 1], p.data[i + 2]);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}

/** Throws unless the SVG's tags nest properly (a small well-formedness check without a parser). */
export function assertWellFormedSvg(svg: string): void {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, '');
  if (!body.trimStart().startsWith('<svg')) throw new Error('SVG does not start with <svg');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<|>/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(body))) {
    if (m[0].startsWith('<!--')) continue;
    if (m[0] === '<' || m[0] === '>') throw new Error(`stray ${m[0]} at ${m.index}: ${body.slice(m.index, m.index + 60)}`);
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${m.index}`);
    } else stack.push(name);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
}

/** Rasterises an SVG with Skia (a second check that it parses) and returns its size. */
export async function svgSize(svg: string): Promise<{ width: number; height: number }> {
  const img = await loadImage(Buffer.from(svg));
  return { width: img.width, height: img.height };
}
