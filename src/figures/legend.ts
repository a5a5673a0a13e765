/** The one legend of the house style: an optional bold title over rows of key + label. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font, palette, size as houseSize, type FigureSizes } from './style.js';

export type LegendKey = { kind: 'swatch'; color: string } | { kind: 'line'; color: string; dash?: number[] } | { kind: 'dot'; color: string } | { kind: 'ring'; color: string };

export interface LegendItem {
  label: string;
  key: LegendKey;
}

const GAP = 4;
const rowH = (size: FigureSizes) => size.legend * 1.55;
const titleH = (size: FigureSizes) => size.legendTitle * 1.6;

/** Width and height of the legend (`size`: the figure's set-up, default the house sizes). */
export function measureLegend(ctx: SKRSContext2D, items: LegendItem[], title?: string, size: FigureSizes = houseSize): { w: number; h: number } {
  const keyW = size.legendKeyW;
  ctx.save();
  let w = 0;
  if (title) {
    ctx.font = font(size.legendTitle, 'bold');
    w = ctx.measureText(title).width;
  }
  ctx.font = font(size.legend);
  for (const it of items) w = Math.max(w, keyW + GAP + ctx.measureText(it.label).width);
  ctx.restore();
  return { w, h: (title ? titleH(size) : 0) + items.length * rowH(size) };
}

function drawKey(ctx: SKRSContext2D, key: LegendKey, x: number, cy: number, size: FigureSizes): void {
  const keyW = size.legendKeyW;
  const keyH = size.legendKeyH;
  switch (key.kind) {
    case 'swatch':
      ctx.fillStyle = key.color;
      ctx.fillRect(x, cy - keyH / 2, keyW, keyH);
      ctx.strokeStyle = palette.districtBorder;
      ctx.lineWidth = size.border;
      ctx.strokeRect(x, cy - keyH / 2, keyW, keyH);
      break;
    case 'line':
      ctx.strokeStyle = key.color;
      ctx.lineWidth = 0.9;
      ctx.setLineDash(key.dash ?? []);
      ctx.beginPath();
      ctx.moveTo(x, cy);
      ctx.lineTo(x + keyW, cy);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    case 'dot':
    case 'ring':
      ctx.beginPath();
      ctx.arc(x + keyW / 2, cy, size.dot, 0, 2 * Math.PI);
      ctx.fillStyle = key.kind === 'dot' ? key.color : palette.background;
      ctx.fill();
      ctx.strokeStyle = key.color;
      ctx.lineWidth = 1;
      ctx.stroke();
      break;
  }
}

/** Draws the legend with its top-left corner at (x, y); `plate` paints a white ground first. */
export function drawLegend(ctx: SKRSContext2D, items: LegendItem[], x: number, y: number, opts: { title?: string; plate?: boolean; size?: FigureSizes } = {}): { w: number; h: number } {
  const size = opts.size ?? houseSize;
  const keyW = size.legendKeyW;
  const row = rowH(size);
  const m = measureLegend(ctx, items, opts.title, size);
  ctx.save();
  if (opts.plate) {
    ctx.fillStyle = 'rgba(255,255,255,0.92)';
    ctx.fillRect(x - 3, y - 2, m.w + 6, m.h + 4);
  }
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let top = y;
  if (opts.title) {
    ctx.fillStyle = palette.ink;
    ctx.font = font(size.legendTitle, 'bold');
    ctx.fillText(opts.title, x, y + size.legendTitle * 0.6);
    top += titleH(size);
  }
  ctx.font = font(size.legend);
  items.forEach((it, i) => {
    const cy = top + i * row + row / 2;
    drawKey(ctx, it.key, x, cy, size);
    ctx.fillStyle = palette.ink;
    ctx.fillText(it.label, x + keyW + GAP, cy);
  });
  ctx.restore();
  return m;
}

/**
 * A legend flowed in lines across `maxWidth` (for long legends under a figure):
 * the title first, then the items, wrapping at item boundaries. With draw=false it
 * only measures.
 */
export function flowLegend(ctx: SKRSContext2D, items: LegendItem[], x: number, y: number, maxWidth: number, opts: { title?: string; draw?: boolean; size?: FigureSizes } = {}): { w: number; h: number } {
  const draw = opts.draw ?? true;
  const size = opts.size ?? houseSize;
  const keyW = size.legendKeyW;
  const row = rowH(size);
  const itemGap = 10;
  ctx.save();
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  let cx = x;
  let line = 0;
  let w = 0;
  if (opts.title) {
    ctx.font = font(size.legendTitle, 'bold');
    const tw = ctx.measureText(opts.title).width;
    if (draw) {
      ctx.fillStyle = palette.ink;
      ctx.fillText(opts.title, cx, y + row / 2);
    }
    cx += tw + itemGap;
  }
  ctx.font = font(size.legend);
  for (const it of items) {
    const iw = keyW + GAP + ctx.measureText(it.label).width;
    if (cx > x && cx + iw > x + maxWidth) {
      line++;
      cx = x;
    }
    const cy = y + line * row + row / 2;
    if (draw) {
      drawKey(ctx, it.key, cx, cy, size);
      ctx.fillStyle = palette.ink;
      ctx.font = font(size.legend);
      ctx.fillText(it.label, cx + keyW + GAP, cy);
    }
    w = Math.max(w, cx + iw - x);
    cx += iw + itemGap;
  }
  ctx.restore();
  return { w, h: (line + 1) * row };
}
