/**
 * Basic shapes (rect, circle, ellipse, line, polyline, polygon) and paths as
 * outlines written by a PathWriter.
 */
import { fail } from './unsupported.js';
import type { El } from './xml.js';
import { numberList, parseLength } from './values.js';
import type { PathWriter } from './operator-writer.js';
import { arc, pathData } from './path-data.js';

export const SHAPES = new Set(['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon']);

export function len(el: El, name: string, dflt: number): number {
  const v = el.attrs[name];
  if (v === undefined) return dflt;
  if (v.trim().endsWith('%')) fail('percentage lengths');
  return parseLength(v);
}

/** The outline of a basic shape or path; false when the shape is empty (not rendered). */
export function shapeGeometry(el: El, w: PathWriter): boolean {
  switch (el.name) {
    case 'path':
      pathData(el.attrs.d ?? '', w);
      break;
    case 'rect': {
      const x = len(el, 'x', 0),
        y = len(el, 'y', 0),
        wd = len(el, 'width', 0),
        ht = len(el, 'height', 0);
      if (!(wd > 0 && ht > 0)) return false;
      let rx = el.attrs.rx !== undefined ? len(el, 'rx', 0) : undefined;
      let ry = el.attrs.ry !== undefined ? len(el, 'ry', 0) : undefined;
      if (rx === undefined) rx = ry ?? 0;
      if (ry === undefined) ry = rx;
      if (rx && ry) {
        rx = Math.min(rx, wd / 2);
        ry = Math.min(ry, ht / 2);
        w.move(x + rx, y);
        w.line(x + wd - rx, y);
        arc(w, x + wd - rx, y, rx, ry, 0, 0, 1, x + wd, y + ry);
        w.line(x + wd, y + ht - ry);
        arc(w, x + wd, y + ht - ry, rx, ry, 0, 0, 1, x + wd - rx, y + ht);
        w.line(x + rx, y + ht);
        arc(w, x + rx, y + ht, rx, ry, 0, 0, 1, x, y + ht - ry);
        w.line(x, y + ry);
        arc(w, x, y + ry, rx, ry, 0, 0, 1, x + rx, y);
        w.close();
      } else {
        w.move(x, y);
        w.line(x + wd, y);
        w.line(x + wd, y + ht);
        w.line(x, y + ht);
        w.close();
      }
      break;
    }
    case 'circle':
    case 'ellipse': {
      const cx = len(el, 'cx', 0),
        cy = len(el, 'cy', 0);
      const rx = el.name === 'circle' ? len(el, 'r', 0) : len(el, 'rx', 0);
      const ry = el.name === 'circle' ? rx : len(el, 'ry', 0);
      if (!(rx > 0 && ry > 0)) return false;
      w.move(cx + rx, cy);
      arc(w, cx + rx, cy, rx, ry, 0, 0, 1, cx, cy + ry);
      arc(w, cx, cy + ry, rx, ry, 0, 0, 1, cx - rx, cy);
      arc(w, cx - rx, cy, rx, ry, 0, 0, 1, cx, cy - ry);
      arc(w, cx, cy - ry, rx, ry, 0, 0, 1, cx + rx, cy);
      w.close();
      break;
    }
    case 'line':
      w.move(len(el, 'x1', 0), len(el, 'y1', 0));
      w.line(len(el, 'x2', 0), len(el, 'y2', 0));
      break;
    case 'polyline':
    case 'polygon': {
      const p = numberList(el.attrs.points ?? '');
      if (p.length % 2) fail('odd number of coordinates in points');
      for (let i = 0; i < p.length; i += 2) {
        if (i === 0) w.move(p[0], p[1]);
        else w.line(p[i], p[i + 1]);
      }
      if (el.name === 'polygon' && p.length >= 2) w.close();
      break;
    }
    default:
      fail(`<${el.name}>`);
  }
  return !w.empty;
}
