declare module 'fontkit' {
  /** The part of fontkit 2 the figures use: glyph outlines and a simple layout. */
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { commands: { command: string; args: number[] }[] };
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    getGlyph(id: number): Glyph;
    glyphForCodePoint(codePoint: number): Glyph;
    layout(text: string): GlyphRun;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
