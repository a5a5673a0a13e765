import { describe, expect, it } from 'vitest';
import { createCanvas, loadImage, SvgExportFlag } from '@napi-rs/canvas';
import { ensureFonts, font } from '../../src/figures/style.js';
import { injectText, recordText } from '../../src/figures/text-outlines.js';

type Ctx = ReturnType<ReturnType<typeof createCanvas>['getContext']>;

const W = 240;
const H = 160;

/** The same drawing as SVG twice: labels outlined by Skia, and by text-outlines.ts. */
function both(draw: (ctx: Ctx) => void): { skia: string; ours: string; fallbacks: number; labels: number } {
  ensureFonts();
  const a = createCanvas(W, H, SvgExportFlag.ConvertTextToPaths);
  draw(a.getContext('2d'));
  const b = createCanvas(W, H, SvgExportFlag.ConvertTextToPaths);
  const record = recordText(b.getContext('2d'));
  draw(b.getContext('2d'));
  const ours = injectText(b.getContent().toString('utf8'), record);
  if (ours === undefined) throw new Error('markers not matched');
  return { skia: a.getContent().toString('utf8'), ours, fallbacks: record.fallbacks, labels: record.labels.length };
}

/** Where the ink of a drawing is (its centroid, in canvas units) and how much there is, rasterised at 4×. */
async function ink(svg: string, box = { x: 0, y: 0, w: W, h: H }): Promise<{ x: number; y: number; amount: number }> {
  const S = 4;
  const img = await loadImage(Buffer.from(svg));
  const c = createCanvas(box.w * S, box.h * S);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(img, -box.x * S, -box.y * S, W * S, H * S);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  let sx = 0;
  let sy = 0;
  let amount = 0;
  for (let i = 0; i < d.length; i += 4) {
    const v = 765 - d[i] - d[i + 1] - d[i + 2];
    const p = i / 4;
    sx += (p % c.width) * v;
    sy += Math.floor(p / c.width) * v;
    amount += v;
  }
  if (amount === 0) throw new Error('nothing drawn');
  return { x: sx / amount / S + box.x, y: sy / amount / S + box.y, amount };
}

/** The two drawings put the same ink in the same place (within 0.15 units and 3 %). */
async function expectSameInk(a: string, b: string, box?: { x: number; y: number; w: number; h: number }): Promise<void> {
  const [p, q] = [await ink(a, box), await ink(b, box)];
  expect(Math.abs(p.x - q.x)).toBeLessThan(0.15);
  expect(Math.abs(p.y - q.y)).toBeLessThan(0.15);
  expect(Math.abs(p.amount / q.amount - 1)).toBeLessThan(0.03);
}

const MARKER = /fill="#01[0-9a-f]{4}"/i;

describe('chart labels as outlines of our own', () => {
  it('places every label where Skia does, for every textAlign and textBaseline, regular and bold', async () => {
    const aligns = ['left', 'center', 'right', 'start', 'end'] as const;
    const baselines = ['alphabetic', 'top', 'middle', 'bottom', 'hanging', 'ideographic'] as const;
    for (const [i, align] of aligns.entries()) {
      for (const [j, baseline] of baselines.entries()) {
        const r = both((ctx) => {
          ctx.fillStyle = '#1a1a1a';
          ctx.font = font(7 + (j % 3), i % 2 ? 'bold' : 'normal');
          ctx.textAlign = align;
          ctx.textBaseline = baseline;
          ctx.fillText(j % 2 ? '渝北区' : '-12.35', W / 2, H / 2);
        });
        expect(r.labels).toBe(1);
        expect(r.fallbacks).toBe(0);
        expect(r.ours).not.toMatch(MARKER);
        expect(r.ours).not.toMatch(/<text[\s>]/);
        await expectSameInk(r.skia, r.ours, { x: W / 2 - 45, y: H / 2 - 20, w: 90, h: 40 });
      }
    }
  }, 30_000);

  it('follows the canvas transform (translated, scaled, rotated) and the fill colour and alpha', async () => {
    const r = both((ctx) => {
      ctx.font = font(8);
      ctx.fillStyle = '#2171b5';
      ctx.translate(120, 80);
      ctx.rotate(-Math.PI / 5);
      ctx.scale(1.5, 1.5);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('环比变化（%）', 0, 0);
      ctx.globalAlpha = 0.5;
      ctx.fillText('沙坪坝区', 0, 20);
    });
    expect(r.labels).toBe(2);
    expect(r.ours).toContain('fill="#2171b5"');
    expect(r.ours).toContain('fill-opacity="0.5"');
    await expectSameInk(r.skia, r.ours, { x: 60, y: 20, w: 120, h: 120 });
  });

  it('keeps the stacking order and the clip of each label', async () => {
    const r = both((ctx) => {
      ctx.font = font(10, 'bold');
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText('上层之下', 20, 40); // under the box
      ctx.fillStyle = '#e3904a';
      ctx.fillRect(10, 20, 120, 40);
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText('框上文字', 20, 52); // over the box
      ctx.save();
      ctx.beginPath();
      ctx.rect(150, 0, 40, H);
      ctx.clip();
      ctx.fillText('部分被裁剪', 160, 100); // cut at x = 190
      ctx.fillText('全部被裁掉', 20, 120); // entirely outside the clip: gone
      ctx.restore();
    });
    await expectSameInk(r.skia, r.ours, { x: 0, y: 0, w: 140, h: 70 }); // under and over the box
    await expectSameInk(r.skia, r.ours, { x: 140, y: 80, w: 60, h: 30 }); // cut by the clip
    // the label entirely outside its clip leaves nothing, as with Skia
    expect(r.labels).toBe(4);
    expect((r.ours.match(/transform="matrix/g) ?? []).length).toBe(3);
  });

  it('outlines stroked text too (a white halo under a label), as Skia strokes it', async () => {
    const r = both((ctx) => {
      ctx.fillStyle = '#3b6c9e';
      ctx.fillRect(60, 50, 120, 60);
      ctx.font = font(9);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 2.4;
      ctx.lineJoin = 'round';
      ctx.strokeText('-7.03', 120, 80);
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText('-7.03', 120, 80);
    });
    expect(r.labels).toBe(2);
    expect(r.fallbacks).toBe(0);
    expect(r.ours).toMatch(/<path fill="none" stroke="#ffffff" stroke-width="[\d.]+" stroke-linejoin="round" transform="matrix/);
    await expectSameInk(r.skia, r.ours, { x: 60, y: 50, w: 120, h: 60 });
    // the halo itself: as many white pixels over the bar as Skia's
    const white = async (svg: string) => {
      const img = await loadImage(Buffer.from(svg));
      const c = createCanvas(W * 4, H * 4);
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0, c.width, c.height);
      const d = ctx.getImageData(60 * 4, 50 * 4, 120 * 4, 60 * 4).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] > 200 && d[i + 2] > 200) n++;
      return n;
    };
    const [a, b] = [await white(r.skia), await white(r.ours)];
    expect(a).toBeGreaterThan(500);
    expect(Math.abs(b / a - 1)).toBeLessThan(0.05);
  });

  it('lays out kerned Latin text with its kerning, as Skia does', async () => {
    const r = both((ctx) => {
      ctx.font = font(10);
      ctx.fillStyle = '#1a1a1a';
      ctx.textAlign = 'right';
      ctx.fillText('AVATAR To Wa', 200, 80);
    });
    expect(r.fallbacks).toBe(0);
    await expectSameInk(r.skia, r.ours, { x: 100, y: 60, w: 110, h: 30 });
  });

  it('leaves to Skia what it cannot outline: another font, a squeezed maxWidth, a gradient fill, a shadow', () => {
    const r = both((ctx) => {
      ctx.fillStyle = '#1a1a1a';
      ctx.font = 'italic 8px "Noto Sans SC"';
      ctx.fillText('斜体', 10, 20);
      ctx.font = '8px sans-serif';
      ctx.fillText('other', 10, 40);
      ctx.font = font(8);
      ctx.fillText('渝北区渝北区渝北区', 10, 60, 20);
      const g = ctx.createLinearGradient(0, 0, 100, 0);
      g.addColorStop(0, '#000000');
      g.addColorStop(1, '#ffffff');
      ctx.fillStyle = g;
      ctx.fillText('渐变', 10, 80);
      ctx.fillStyle = '#1a1a1a';
      ctx.shadowColor = '#888888';
      ctx.shadowOffsetX = 1;
      ctx.fillText('阴影', 10, 90);
      ctx.shadowOffsetX = 0;
      ctx.fillText('渝北区', 10, 100);
    });
    expect(r.fallbacks).toBe(5);
    expect(r.labels).toBe(1);
    expect(r.ours).not.toMatch(MARKER);
  });

  it('gives up (so the figure is drawn with Skia text) when a marker colour appears twice', () => {
    ensureFonts();
    const c = createCanvas(W, H, SvgExportFlag.ConvertTextToPaths);
    const ctx = c.getContext('2d');
    const record = recordText(ctx);
    ctx.font = font(8);
    ctx.fillStyle = '#1a1a1a';
    ctx.fillText('渝北区', 10, 20);
    ctx.fillStyle = '#010000'; // a chart colour that looks like the first marker
    ctx.fillRect(0, 0, 5, 5);
    expect(injectText(c.getContent().toString('utf8'), record)).toBeUndefined();
  });

  it('the same label gives the same path data wherever it is drawn (the PDF shares it)', () => {
    const r = both((ctx) => {
      ctx.font = font(8);
      ctx.fillStyle = '#1a1a1a';
      ctx.fillText('九龙坡区', 10, 20);
      ctx.fillStyle = '#ffffff';
      ctx.fillText('九龙坡区', 100, 120);
    });
    const ds = [...r.ours.matchAll(/transform="matrix[^"]*" d="([^"]+)"/g)].map((m) => m[1]);
    expect(ds).toHaveLength(2);
    expect(ds[0]).toBe(ds[1]);
  });
});
