import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.js';

/** The figures of one fresh `scindex report` run, with the cache in `cache` (without the drawn figures kept there: the maps are drawn). */
function figures(cache: string): Map<string, Buffer> {
  rmSync(join(cache, 'blobs'), { recursive: true, force: true });
  const out = tempDir();
  const r = spawnSync(process.execPath, ['bin/scindex.mjs', 'report', '-q', '2018Q3', '-o', out], { encoding: 'utf8', env: { ...process.env, SCINDEX_CACHE_DIR: cache } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const dir = join(out, '2018Q3', 'v1', 'figures');
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('map layouts kept across processes', () => {
  it('a fresh process that reads the stored layouts draws the same maps as one that works them out; a damaged store is ignored', () => {
    const cache = tempDir();
    const computed = figures(cache);
    const stored = readdirSync(join(cache, 'data')).filter((f) => f.startsWith('map-layout-'));
    expect(stored.length).toBeGreaterThan(0);
    const reused = figures(cache);
    expect([...reused.keys()]).toEqual([...computed.keys()]);
    for (const [name, bytes] of computed) expect(reused.get(name)!.equals(bytes), name).toBe(true);

    // a damaged file (a disk full mid-write, a hand edit): worked out again, same maps
    for (const damage of ['{"outlines": [[[', '{}']) {
      for (const f of stored) writeFileSync(join(cache, 'data', f), damage);
      const again = figures(cache);
      for (const [name, bytes] of computed) expect(again.get(name)!.equals(bytes), name).toBe(true);
    }
  }, 120_000);
});
