/**
 * A library the renderers hook into is not the version they were written for
 * (pdfmake, PDFKit, fontkit, docx internals). A bug of this tool to fix in the
 * named adapter, not a problem of the input: the command says so in Chinese,
 * without a stack trace, and exits with 1.
 */
export class LibraryVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibraryVersionError';
  }
}
