/**
 * The batch worker's code as one plain JavaScript module, so that workers start
 * without the TypeScript loader. Under tsx, a worker that registers the loader
 * gets a loader thread of its own, and every one of its ~80 project modules and
 * every CommonJS file of the packages goes through the loader's hooks: about
 * 0.4 s more CPU and 0.2–0.4 s more start-up a worker, paid by every worker of a
 * batch at the same time. The project's modules are bundled with esbuild (the
 * compiler tsx itself runs, so the same transform; a dependency of its own in
 * package.json) into a temporary file; the
 * packages stay outside the bundle, imported from where they are installed.
 * Each module keeps its own `import.meta.url`, so paths resolved from it (the
 * project root, templates, fonts) are the same as when run from source.
 *
 * Returns undefined when esbuild cannot be loaded or the bundle cannot be
 * made: the caller then starts workers through the loader, as before.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerBundle {
  url: URL;
  dispose(): void;
}

export async function bundleWorker(entry: URL): Promise<WorkerBundle | undefined> {
  let dir: string | undefined;
  try {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node}`,
      logLevel: 'silent',
      plugins: [
        {
          name: 'project-modules',
          setup(build) {
            // Packages: left as imports, by the absolute URL they resolve to from here (the bundle lives elsewhere).
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.kind === 'entry-point') return undefined;
              if (args.path.startsWith('node:')) return { path: args.path, external: true };
              return { path: import.meta.resolve(args.path), external: true };
            });
            // Project modules: each keeps its own import.meta.url.
            build.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
              if (args.path.includes('/node_modules/')) return undefined;
              const url = JSON.stringify(pathToFileURL(args.path).href);
              const source = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, url);
              return { contents: source, loader: args.path.endsWith('ts') ? 'ts' : 'js' };
            });
          },
        },
      ],
    });
    const code = result.outputFiles[0]?.text;
    if (!code || /\bimport\.meta\b/.test(code)) return undefined;
    dir = mkdtempSync(join(tmpdir(), 'scindex-batch-'));
    const file = join(dir, 'batch-worker.mjs');
    writeFileSync(file, code);
    const made = dir;
    return { url: pathToFileURL(file), dispose: () => rmSync(made, { recursive: true, force: true }) };
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
}
