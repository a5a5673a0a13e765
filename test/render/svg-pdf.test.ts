import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FigureSet, SharedPaths, compileSvg, type SvgProgram } from '../../src/render/svg-pdf/index.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import type { DocumentModel } from '../../src/model/types.js';

const svg = (body: string, attrs = 'width="100" height="50" viewBox="0 0 100 50"') => `<?xml version="1.0" encoding="utf-8" ?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ${attrs}>\n${body}\n</svg>`;

/** The operators of a compiled figure as text (opacity requests and shared outlines shown inline). */
function ops(p: SvgProgram): string {
  return p.parts.map((part) => (part instanceof Uint8Array ? Buffer.from(part).toString('latin1') : 'content' in part ? Buffer.from(part.content).toString('latin1') : `[ca ${part.ca} CA ${part.CA}]\n`)).join('');
}

function compiled(s: string): SvgProgram {
  const r = compileSvg(s);
  if (!r.ok) throw new Error(r.reason);
  return r.program;
}

describe('SVG → PDF operators', () => {
  it('draws rectangles and paths with their fill, stroke and transform', () => {
    const p = compiled(
      svg('<rect fill="white" width="100" height="50"/>' + '<path fill="none" stroke="#DCDCDC" stroke-width="0.4" stroke-miterlimit="10" d="M47.5 7.8L47.5 44"/>' + '<path fill="#1A1A1A" transform="translate(37 13.5)" d="M1 2L3 2L3 4Z"/>'),
    );
    expect(p.width).toBe(100);
    expect(p.height).toBe(50);
    expect(ops(p)).toBe('q\n1 1 1 rg\n0 0 m\n100 0 l\n100 50 l\n0 50 l\nh\nf\nQ\n' + 'q\n0.8627 0.8627 0.8627 RG\n0.4 w\n10 M\n0 j\n0 J\n47.5 7.8 m\n47.5 44 l\nS\nQ\n' + 'q\n1 0 0 1 37 13.5 cm\n0.102 0.102 0.102 rg\n1 2 m\n3 2 l\n3 4 l\nh\nf\nQ\n');
  });

  it('turns quadratic curves into cubic ones and reads relative, compact path data', () => {
    // the same outline, absolute and relative with implicit separators
    const a = ops(compiled(svg('<path d="M10 10Q20 0 30 10L30 20Z"/>')));
    const b = ops(compiled(svg('<path d="m10 10q10-10 20 0l0 10z"/>')));
    expect(a).toBe(b);
    expect(a).toContain('10 10 m\n16.667 3.333 23.333 3.333 30 10 c\n30 20 l\nh\nf\n');
    // ".5.5" is two numbers; exponents are read
    expect(ops(compiled(svg('<path d="M.5.5L1e1 -2.5E-1"/>')))).toContain('0.5 0.5 m\n10 -0.25 l\n');
  });

  it('draws arcs, circles and rounded rectangles as curves', () => {
    const text = ops(compiled(svg('<circle cx="10" cy="10" r="5"/><rect x="20" y="0" width="20" height="10" rx="2"/>')));
    expect(text.match(/ c\n/g)!.length).toBeGreaterThanOrEqual(8);
    expect(text).toContain('15 10 m\n');
  });

  it('clips a group with its clip path (a plain clipping path, no soft mask)', () => {
    const text = ops(compiled(svg('<clipPath id="c1"><rect x="2" width="46" height="50"/></clipPath><g clip-path="url(#c1)"><rect width="100" height="50"/></g>')));
    expect(text).toBe('q\n2 0 m\n48 0 l\n48 50 l\n2 50 l\nh\nW n\nq\n0 0 0 rg\n0 0 m\n100 0 l\n100 50 l\n0 50 l\nh\nf\nQ\nQ\n');
  });

  it('asks for an ExtGState where a shape is translucent, and skips invisible ones', () => {
    const p = compiled(svg('<rect fill-opacity="0" width="100" height="50"/><rect fill="white" fill-opacity="0.92" width="10" height="10"/>'));
    expect(ops(p)).toBe('q\n1 1 1 rg\n[ca 0.92 CA null]\n0 0 m\n10 0 l\n10 10 l\n0 10 l\nh\nf\nQ\n');
  });

  it('is deterministic', () => {
    const s = svg('<path fill="#3182BD" d="M1.234 5.678Q9 9 10 1Z"/><circle cx="3" cy="3" r="1"/>');
    expect(ops(compiled(s))).toBe(ops(compiled(s)));
  });

  it('leaves to svg-to-pdfkit what it does not handle', () => {
    const unsupported = [
      '<text x="1" y="10">图</text>',
      '<image href="a.png" width="10" height="10"/>',
      '<defs><linearGradient id="g"/></defs><rect fill="url(#g)" width="10" height="10"/>',
      '<style>rect{fill:red}</style><rect width="10" height="10"/>',
      '<g opacity="0.5"><rect width="10" height="10"/></g>',
      '<rect width="50%" height="10"/>',
      '<rect mask="url(#m)" width="10" height="10"/>',
      '<path d="M0 0L10 10 Q"/>',
    ];
    for (const body of unsupported) expect(compileSvg(svg(body)).ok, body).toBe(false);
    expect(compileSvg('<html/>').ok).toBe(false);
  });

  it('shares outlines used more than once between figures', async () => {
    // a long outline (a map district) in two figures
    const d = 'M0 0' + Array.from({ length: 1500 }, (_, i) => `L${i % 97}.5 ${(i * 7) % 43}.25`).join('') + 'Z';
    const set = new FigureSet();
    const a = set.add(svg(`<path fill="#BDD7E7" d="${d}"/>`)).figure!;
    const b = set.add(svg(`<path fill="#2171B5" d="${d}"/>`)).figure!;
    await set.ready();
    expect(a.xobjects.size).toBe(1);
    expect([...a.xobjects.keys()]).toEqual([...b.xobjects.keys()]);
    const content = inflateSync(b.deflated!).toString('latin1');
    expect(content).toContain('0.1294 0.4431 0.7098 rg\n/SP1 Do\n');
    // compiling with a shared cache formats the outline once
    const shared = new SharedPaths();
    compileSvg(svg(`<path d="${d}"/>`), { shared });
    const again = compileSvg(svg(`<path d="${d}"/>`), { shared });
    expect(again.ok && again.program.parts.some((p) => !(p instanceof Uint8Array) && 'uses' in p && p.uses === 2)).toBe(true);
  });
});

describe('figures in the PDF', () => {
  const model = (figureSvg: string): DocumentModel => ({
    meta: { title: 't', lang: 'zh-CN', author: 'a', date: '2018-11-15' },
    header: { bulletin: 'b', column: 'c' },
    footnotes: [],
    blocks: [
      { type: 'paragraph', content: [{ type: 'text', text: '正文。' }] },
      { type: 'figure', id: 'f', number: 1, caption: '图', svg: figureSvg, png: new Uint8Array(), widthPt: 100, heightPt: 50 },
    ],
  });

  it('draws a handled SVG as one form, vector, no image', async () => {
    const pdf = Buffer.from(await renderPdf(model(svg('<rect fill="#2171B5" width="100" height="50"/>')))).toString('latin1');
    expect(pdf).toMatch(/\/Fig1 \d+ 0 R/); // in the page resources
    expect(pdf).not.toMatch(/\/Subtype \/Image/);
  });

  it('draws an SVG it does not handle with svg-to-pdfkit, as before', async () => {
    const s = svg('<g opacity="0.5"><rect fill="#2171B5" width="100" height="50"/></g>');
    expect(compileSvg(s).ok).toBe(false);
    const pdf = Buffer.from(await renderPdf(model(s))).toString('latin1');
    expect(pdf).not.toMatch(/\/Fig1 \d+ 0 R/);
    expect(pdf).toMatch(/\/Subtype \/Form/); // svg-to-pdfkit's transparency group
  });
});
