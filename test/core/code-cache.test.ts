import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';

/** `scindex report --facts-only` of 2018Q2 in a fresh process, the caches in `cache`; its facts.json. */
function factsRun(cache: string, env: Record<string, string> = {}): Buffer {
  const out = tempDir();
  const r = spawnSync(process.execPath, ['bin/scindex.mjs', 'report', '-q', '2018Q2', '-o', out, '--facts-only'], { encoding: 'utf8', env: { ...process.env, SCINDEX_CACHE_DIR: cache, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return readFileSync(join(out, '2018Q2/v1/facts.json'));
}

const codeCaches = (cache: string) => readdirSync(cache).filter((f) => /^code-cache-[0-9a-f]{16}\.bin$/.test(f));

describe("the packages' compiled code kept across processes (V8's code cache)", () => {
  it('the first run writes it, later runs read it, a damaged one is ignored and replaced; the output is the same throughout', () => {
    const cache = tempDir();
    const without = factsRun(cache, { SCINDEX_NO_CODE_CACHE: '1' });
    expect(codeCaches(cache)).toHaveLength(0);
    expect(factsRun(cache).equals(without)).toBe(true);
    const [file] = codeCaches(cache);
    expect(file).toBeDefined();
    const written = readFileSync(join(cache, file));
    expect(written.length).toBeGreaterThan(100_000);
    expect(factsRun(cache).equals(without)).toBe(true);
    // a run that found nothing stale leaves the file as it was
    expect(readFileSync(join(cache, file)).equals(written)).toBe(true);
    for (const damage of [written.subarray(0, written.length / 2), Buffer.from('not a cache'), Buffer.from(written.map((b, i) => (i > written.length - 5000 ? b ^ 0xff : b)))]) {
      writeFileSync(join(cache, file), damage);
      expect(factsRun(cache).equals(without)).toBe(true);
      expect(readFileSync(join(cache, file)).length).toBeGreaterThan(100_000);
    }
  }, 180_000);
});
