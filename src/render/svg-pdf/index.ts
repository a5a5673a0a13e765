/**
 * A lean SVG → PDF drawer for the figures of the PDF renderer.
 *
 * pdfmake draws SVG through its bundled svg-to-pdfkit, which for our figures
 * (hundreds of thousands of path commands: district outlines, text as
 * outlines) was most of a build: every path command became a segment object
 * with closures and an arc-length table, every PDF operator a Buffer of its
 * own, every clipped group a transparency group plus a luminosity soft mask,
 * and pdfmake parsed and re-serialised each SVG with xmldoc to measure it.
 * Here each SVG is compiled once into PDF operators, written as bytes
 * (numbers digit by digit), and put into the document as one Form XObject per
 * figure, deflated on the thread pool while the layout is made.
 *
 * Outlines that several figures draw (the district outlines of the four maps,
 * district names set as outlines) are formatted once, and the large ones are
 * shared Form XObjects; the form inherits colour, line style and alpha from
 * where it is drawn. Small ones stay in place: every form costs pdf.js (the
 * fact check) a nested parse on every page that uses it.
 *
 * Only the static subset of SVG that chart exporters produce is handled:
 * svg, g, defs, clipPath (one shape, user space), use, path, rect (also
 * rounded), circle, ellipse, line, polyline, polygon; presentation attributes
 * (fill, stroke, opacities, rules, stroke geometry, transform, clip-path,
 * display, visibility) and `style="…"` declarations. Anything else (text,
 * images, gradients, patterns, masks, markers, filters, CSS, group opacity,
 * units other than px/pt…) makes `compileSvg` return `{ ok: false }`, and the
 * caller draws that SVG with svg-to-pdfkit as before: no figure is ever
 * drawn wrongly, only sometimes slowly.
 *
 * Semantics follow svg-to-pdfkit as pdfmake calls it (`assumePt`: one SVG
 * unit = 1 pt before the viewBox mapping; the outer svg clips to its
 * viewport unless `overflow="visible"`), except that a clip path is a plain
 * clipping path (`W n`) instead of a soft mask: the same area, drawn the same.
 * Coordinates are written with 3 decimals at the figure's scale (1/1000 pt;
 * more where a transform enlarges), colours with 4 (exact for 8-bit channels).
 * The output is a pure function of the SVGs, so documents stay byte-for-byte
 * reproducible.
 */
export { compileSvg, SharedPaths, type CompileResult, type OpacityPart, type SharedPath, type SvgProgram } from './compile.js';
export { FigureSet, drawSvgFigure, type FormCanvas, type SvgFigure } from './forms.js';
export { setProgramStore, type ProgramStore } from './program-cache.js';
