import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledEntry, cacheKey } from '../../src/bundle.mjs';
import { tempDir } from '../helpers.js';

const CLI = new URL('../../src/cli.ts', import.meta.url);

describe('the command runs from a cached bundle of the sources', () => {
  it('bundles the CLI once into the cache and reuses it', async () => {
    const first = await bundledEntry(CLI);
    expect(first).toBeDefined();
    const path = fileURLToPath(first!);
    expect(path).toMatch(/cli-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(path, 'utf8');
    // import.meta would point at the cache folder, not at the project: every use is replaced
    expect(code).not.toMatch(/\bimport\.meta\b/);
    expect((await bundledEntry(CLI))!.href).toBe(first!.href);
  });

  it('a changed, added or removed source file gives another cache key; other files do not', () => {
    const root = tempDir();
    const src = join(root, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(src, 'cli.ts'), 'export const a = 1;\n');
    writeFileSync(join(src, 'sub', 'util.ts'), 'export const b = 2;\n');
    const key = () => cacheKey(join(src, 'cli.ts'), '0.0.0', { root, src });
    const k1 = key();
    expect(key()).toBe(k1);
    writeFileSync(join(src, 'sub', 'util.ts'), 'export const b = 3;\n');
    const k2 = key();
    expect(k2).not.toBe(k1);
    writeFileSync(join(src, 'sub', 'more.mjs'), 'export const c = 4;\n');
    const k3 = key();
    expect(k3).not.toBe(k2);
    writeFileSync(join(src, 'README.md'), 'notes\n');
    expect(key()).toBe(k3);
    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(key()).not.toBe(k3);
    expect(cacheKey(join(src, 'cli.ts'), '0.0.1', { root, src })).not.toBe(key());
    // the same sources in another checkout: another bundle (it names modules by absolute URL)
    const other = tempDir();
    cpSync(root, other, { recursive: true });
    expect(cacheKey(join(other, 'src', 'cli.ts'), '0.0.0', { root: other, src: join(other, 'src') })).not.toBe(key());
  });

  it('the bundled command and the TypeScript sources (SCINDEX_NO_BUNDLE=1) write the same facts.json', () => {
    const viaBin = join(tempDir(), 'out');
    const viaTsx = join(tempDir(), 'out');
    const a = spawnSync(process.execPath, ['bin/scindex.mjs', 'report', '-q', '2018Q2', '-o', viaBin, '--facts-only'], { encoding: 'utf8' });
    const b = spawnSync(process.execPath, ['bin/scindex.mjs', 'report', '-q', '2018Q2', '-o', viaTsx, '--facts-only'], { encoding: 'utf8', env: { ...process.env, SCINDEX_NO_BUNDLE: '1' } });
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect([a.status, b.status]).toEqual([0, 0]);
    const facts = (root: string) => readFileSync(join(root, '2018Q2/v1/facts.json'));
    expect(existsSync(join(viaBin, '2018Q2/v1/facts.json'))).toBe(true);
    expect(facts(viaBin).equals(facts(viaTsx))).toBe(true);
  }, 60_000); // two fresh processes: no time limit on a shared machine
});
