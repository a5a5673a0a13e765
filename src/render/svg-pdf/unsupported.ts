/**
 * What the lean SVG drawer does not handle. Thrown anywhere while compiling,
 * caught once in compileSvg, which then reports `{ ok: false, reason }` and
 * the figure is drawn by svg-to-pdfkit instead.
 */
export class Unsupported extends Error {}

export const fail = (reason: string): never => {
  throw new Unsupported(reason);
};
