#!/usr/bin/env node
// The package's command. It runs the CLI from a cached JavaScript bundle of the
// sources (remade whenever a source file changes; see src/bundle.mjs), or, when
// no bundle can be made or SCINDEX_NO_BUNDLE=1 is set (stack traces then name
// the TypeScript sources), from the sources through tsx. The packages' CommonJS
// files are compiled through V8's code cache (src/code-cache.mjs; off with
// SCINDEX_NO_CODE_CACHE=1).
import { bundledEntry, cacheDirs, lockDigest } from '../src/bundle.mjs';
import { installCodeCache } from '../src/code-cache.mjs';

if (process.env.SCINDEX_NO_CODE_CACHE !== '1') {
  // Each command compiles other functions as it runs: a cache of its own (the default command is report).
  const [first] = process.argv.slice(2);
  const command = /^[a-z]+$/.test(first ?? '') ? first : process.argv.some((a) => /^(-V|--version|-h|--help)$/.test(a)) ? 'help' : 'report';
  installCodeCache(cacheDirs(), `${lockDigest()}\0${command}`);
}
const bundled = process.env.SCINDEX_NO_BUNDLE === '1' ? undefined : await bundledEntry(new URL('../src/cli.ts', import.meta.url));
if (bundled) {
  await import(bundled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli.ts');
}
