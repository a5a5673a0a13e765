import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockQuarter } from '../../src/archive/lock.js';
import { tempDir } from '../helpers.js';

/** The pid of a process that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

function contender(qdir: string, go: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/archive/lock-contender.ts', qdir, go], { env: { ...process.env, SCINDEX_TEST_LOCK_DELAY_MS: '600' } });
  let stdout = '';
  const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => (stdout += d) && stdout.includes('ready') && resolve()));
  const done = new Promise<string>((resolve) => child.on('exit', () => resolve(stdout.replace('ready\n', '').trim())));
  return { ready, done };
}

describe('the quarter lock', () => {
  it('two contenders taking over a stale lock with a delay between seeing it and taking it: exactly one holds it', async () => {
    for (let round = 0; round < 2; round++) {
      const qdir = join(tempDir(), '2018Q3');
      mkdirSync(qdir);
      writeFileSync(join(qdir, '.lock'), `${deadPid()}\nstale\n`);
      const go = join(qdir, '..', 'go');
      const a = contender(qdir, go);
      const b = contender(qdir, go);
      await Promise.all([a.ready, b.ready]);
      writeFileSync(go, '');
      const results = (await Promise.all([a.done, b.done])).sort();
      expect(results).toEqual(['busy ArchiveError', 'held']);
      // the winner released its own lock; nothing of the contest is left
      expect(readdirSync(qdir)).toEqual([]);
    }
  }, 60_000);

  it('releases only its own lock', () => {
    const qdir = join(tempDir(), '2018Q3');
    const lock = lockQuarter(qdir, '2018Q3');
    expect(lock.held()).toBe(true);
    // someone else's lock now stands there (taken over by mistake, or by hand)
    writeFileSync(join(qdir, '.lock'), '12345\nother\n');
    expect(lock.held()).toBe(false);
    lock.release();
    expect(existsSync(join(qdir, '.lock'))).toBe(true);
  });

  it("a live owner's lock is never taken over; a dead owner's is", () => {
    const qdir = join(tempDir(), '2018Q3');
    const first = lockQuarter(qdir, '2018Q3');
    expect(() => lockQuarter(qdir, '2018Q3')).toThrow(/2018Q3 正由另一个进程（进程号 \d+）构建或发布/);
    first.release();
    writeFileSync(join(qdir, '.lock'), `${deadPid()}\n`);
    const second = lockQuarter(qdir, '2018Q3');
    expect(second.held()).toBe(true);
    second.release();
    expect(readdirSync(qdir)).toEqual([]);
  });
});
