/**
 * What the page is made of, all served by the workbench itself (nothing from the
 * internet): the page, its script (web/app.ts bundled by esbuild once per start,
 * with CodeMirror and pdf.js inside), the pdf.js worker, the style sheet and the
 * report's own Noto fonts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../pipeline.js';

const require = createRequire(join(PROJECT_ROOT, 'package.json'));
export const WEB = join(PROJECT_ROOT, 'web');

/** Static files by URL path: the file and its type. */
export const STATIC: Record<string, { file: string; type: string }> = {
  '/app.css': { file: join(WEB, 'style.css'), type: 'text/css; charset=utf-8' },
  '/vendor/pdf.worker.min.mjs': { file: require.resolve('pdfjs-dist/build/pdf.worker.min.mjs'), type: 'text/javascript; charset=utf-8' },
  '/fonts/sans-400.ttf': { file: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'), type: 'font/ttf' },
  '/fonts/sans-700.ttf': { file: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'), type: 'font/ttf' },
  '/fonts/serif-400.ttf': { file: require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'), type: 'font/ttf' },
};

/** The page's script: web/app.ts and its packages as one file. */
export async function bundleApp(): Promise<Buffer> {
  const esbuild = await import('esbuild');
  const r = await esbuild.build({
    entryPoints: [join(WEB, 'app.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return Buffer.from(r.outputFiles[0].contents);
}

export function pageHtml(token: string): Buffer {
  return Buffer.from(readFileSync(join(WEB, 'index.html'), 'utf8').replace('%TOKEN%', token));
}
