/**
 * pdfmake 0.3 ships no type declarations. These are the few entry points the
 * PDF renderer uses; document definitions are built as plain objects and
 * typed loosely on purpose (pdfmake validates them at run time).
 */
declare module 'pdfmake' {
  export interface PdfmakeOutput {
    getBuffer(): Promise<Buffer>;
    getStream(): Promise<unknown>;
  }
  export interface PdfmakeInstance {
    virtualfs: {
      existsSync(name: string): boolean;
      writeFileSync(name: string, content: Buffer | Uint8Array): void;
    };
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (path: string) => boolean): void;
    createPdf(docDefinition: Record<string, unknown>, options?: Record<string, unknown>): PdfmakeOutput;
  }
  const pdfmake: PdfmakeInstance;
  export default pdfmake;
}
