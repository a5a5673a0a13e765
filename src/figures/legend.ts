/** The one legend of the house style: an optional bold title over rows of key + label. */
import type { SKRSContext2D } from '@napi-rs/canvas';
import { font, palette, size } from './style.js';

export type LegendKey =
  | { kind: 'swatch'; color: string }
  | { kind: 'line'; color: string; dash?: number[] }
  | { kind: 'dot'; color: string }
  | { kind: 'ring'; color: string };

export interface LegendItem {
  label: string;
  key: LegendKey;
}

const KEY_W = 12;
const KEY_H = 7.5;
const GAP = 4;
const ROW = size.legend * 1.55;
const TITLE_H = size.legendTitle * 1.6;

export function measureLegend(ctx: SKRSContext2D, items: LegendItem[], title?: string): { w: number; h: number } {
  ctx.save();
  let w = 0;
  if (title) {
    ctx.font = font(size.legendTitle, 'bold');
    w = ctx.measureText(title).width;
  }
  ctx.font = font(size.legend);
  for (const it of items) w = Math.max(w, KEY_W + GAP + ctx.measureText(it.label).width);
  ctx.restore();
  return { w, h: (title ? TITLE_H : 0) + items.length * ROW };
}

function drawKey(ctx: SKRSContext2D, key: LegendKey, x: number, cy: number): void {
  switch (key.kind) {
    case 'swatch':
      ctx.fillStyle = key.color;
      ctx.fillRect(x, cy - KEY_H / 2, KEY_W, KEY_H);
      ctx.strokeStyle = palette.districtBorder;
      ctx.lineWidth = size.border;
      ctx.strokeRect(x, cy - KEY_H / 2, KEY_W, KEY_H);
      break;
    case 'line':
      ctx.strokeStyle = key.color;
      ctx.lineWidth = 0.9;
      ctx.setLineDash(key.dash ?? []);
      ctx.beginPath();
      ctx.moveTo(x, cy);
      ctx.lineTo(x + KEY_W, cy);
      ctx.stroke();
      ctx.setLineDash([]);
      break;
    case 'dot':
    case 'ring':
      ctx.beginPath();
      ctx.arc(x + KEY_W / 2, cy, 2.8, 0, 2 * Math.PI);
      ctx.fillStyle = key.kind === 'dot' ? key.color : palette.background;
      ctx.fill();
      ctx.strokeStyle = key.color;
      ctx.lineWidth = 1;
      ctx.stroke();
      break;
  }
}

/** Draws the legend with its top-left corner at (x, y); `plate` paints a white ground first. */
export function drawLegend(
  ctx: SKRSContext2D,
  items: LegendItem[],
  x: number,
  y: number,
  opts: { title?: string; plate?: boolean } = {},
): { w: number; h: number } {
  const m = measureLegend(ctx, items, opts.title);
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
    top += TITLE_H;
  }
  ctx.font = font(size.legend);
  items.forEach((it, i) => {
    const cy = top + i * ROW + ROW / 2;
    drawKey(ctx, it.key, x, cy);
    ctx.fillStyle = palette.ink;
    ctx.fillText(it.label, x + KEY_W + GAP, cy);
  });
  ctx.restore();
  return m;
}

/**
 * A legend flowed in lines across `maxWidth` (for long legends under a figure):
 * the title first, then the items, wrapping at item boundaries. With draw=false it
 * only measures.
 */
export function flowLegend(
  ctx: SKRSContext2D,
  items: LegendItem[],
  x: number,
  y: number,
  maxWidth: number,
  opts: { title?: string; draw?: boolean } = {},
): { w: number; h: number } {
  const draw = opts.draw ?? true;
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
      ctx.fillText(opts.title, cx, y + ROW / 2);
    }
    cx += tw + itemGap;
  }
  ctx.font = font(size.legend);
  for (const it of items) {
    const iw = KEY_W + GAP + ctx.measureText(it.label).width;
    if (cx > x && cx + iw > x + maxWidth) {
      line++;
      cx = x;
    }
    const cy = y + line * ROW + ROW / 2;
    if (draw) {
      drawKey(ctx, it.key, cx, cy);
      ctx.fillStyle = palette.ink;
      ctx.font = font(size.legend);
      ctx.fillText(it.label, cx + KEY_W + GAP, cy);
    }
    w = Math.max(w, cx + iw - x);
    cx += iw + itemGap;
  }
  ctx.restore();
  return { w, h: (line + 1) * ROW };
}
