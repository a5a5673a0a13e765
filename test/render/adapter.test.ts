/** The pdfmake adapter's version check: passes on the installed libraries, fails in Chinese on others. */
import { describe, expect, it } from 'vitest';
import { RendererInternalsError, SUPPORTED, checkVersions } from '../../src/render/pdf/pdfmake-adapter.js';
import { LibraryVersionError } from '../../src/render/library-error.js';
import { createRequire } from 'node:module';

describe('pdfmake adapter', () => {
  it('accepts the installed pdfmake, PDFKit and fontkit (the lines its hooks were written for)', () => {
    expect(() => checkVersions()).not.toThrow();
    const require = createRequire(import.meta.url);
    expect((require('pdfmake/package.json') as { version: string }).version.startsWith(`${SUPPORTED.pdfmake}.`)).toBe(true);
  });

  it('names the library, the supported lines and the fix, in Chinese, as a tool bug (not an input error)', () => {
    const e = new RendererInternalsError('pdfmake 为 0.4.0');
    expect(e).toBeInstanceOf(LibraryVersionError);
    expect(e.message).toContain('pdfmake 为 0.4.0');
    expect(e.message).toContain(`pdfmake ${SUPPORTED.pdfmake}.x`);
    expect(e.message).toContain('npm ci');
    expect(e.message).toContain('src/render/pdf/pdfmake-adapter.ts');
  });
});
