#!/usr/bin/env node
// The package's command. It runs the CLI from a cached JavaScript bundle of the
// sources (remade whenever a source file changes; see src/bundle.mjs), or, when
// no bundle can be made or SCINDEX_NO_BUNDLE=1 is set (stack traces then name
// the TypeScript sources), from the sources through tsx.
import { bundledEntry } from '../src/bundle.mjs';

const bundled = process.env.SCINDEX_NO_BUNDLE === '1' ? undefined : await bundledEntry(new URL('../src/cli.ts', import.meta.url));
if (bundled) {
  await import(bundled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
