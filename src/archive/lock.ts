import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';

/**
 * An exclusive lock on one quarter: the file `<quarter>/.lock`, holding the
 * owner's process id and a token of its own. It is created by link(2), which
 * fails if the file exists, so only one contender can create it.
 *
 * A lock whose owner has died is taken over without check-then-act: the
 * contender renames the lock file to a name of its own (rename is atomic, so
 * exactly one contender gets the file it saw), then looks at what it got. If it
 * is the dead owner's lock, the contender creates its own by link(2) again; if
 * another contender got there first (the file is a live lock), it is put back
 * and the build is refused. Release removes the lock only while it is still
 * this owner's.
 *
 * Hand-written rather than proper-lockfile (4.1.2), which judges a lock stale by
 * its age (its mtime, kept fresh by a timer). Measured (scripts/bench-lock-diff.ts,
 * 2 cores): after the holder is killed, ours lets the next build in at once,
 * proper-lockfile only after its stale time (10.3 s and 102 refusals at the
 * default 10 s); and a live holder whose event loop a synchronous stage blocks for
 * 15 s keeps our lock, while proper-lockfile gives it to a second process after
 * 10.6 s: two builds of one quarter at once. Our build stages are synchronous for
 * seconds, so a timer is the wrong sign of life. Speed: acquire + release 256 µs
 * (ours), 497 µs (lockSync), 357 µs (lock). A process id is a sign of life on one
 * machine, which is where the archive lives.
 */
export interface Lock {
  release(): void;
  /** Whether the lock file still holds this owner's token (checked before a commit). */
  held(): boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};
const ownerPid = (content: string) => Number.parseInt(content, 10);

/** Test hook: a pause between seeing a stale lock and taking it over, so that a test can line up two contenders. */
function testDelay(): void {
  const ms = Number(process.env.SCINDEX_TEST_LOCK_DELAY_MS ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function lockQuarter(qdir: string, quarter: string, owner = `${process.pid}`): Lock {
  mkdirSync(qdir, { recursive: true });
  const path = join(qdir, '.lock');
  const token = `${owner}\n${randomBytes(12).toString('hex')}\n`;
  // The lock's content is written in full before it appears under its name.
  const mine = join(qdir, `.lock.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(mine, token);
  const busy = (holder: string) => new ArchiveError('busy', path, `${quarter} 正由另一个进程（进程号 ${ownerPid(holder)}）构建或发布`, '等它结束后再运行；若确实没有别的进程在运行，删除这个 .lock 文件');
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, path);
        return {
          held: () => read(path) === token,
          release: () => {
            if (read(path) === token) rmSync(path, { force: true });
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = read(path);
      if (seen === undefined) continue; // released meanwhile
      if (alive(ownerPid(seen))) throw busy(seen);
      testDelay();
      const grabbed = join(qdir, `.lock.${randomBytes(6).toString('hex')}.stale`);
      try {
        renameSync(path, grabbed);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // someone else moved it
        throw e;
      }
      const got = readFileSync(grabbed, 'utf8');
      if (got !== seen && alive(ownerPid(got))) {
        // Another contender took the stale lock over first: give its lock back.
        try {
          linkSync(grabbed, path);
        } finally {
          rmSync(grabbed, { force: true });
        }
        throw busy(got);
      }
      rmSync(grabbed, { force: true });
    }
    throw new ArchiveError('busy', path, `无法锁定 ${quarter}`, '若确实没有别的进程在运行，删除这个 .lock 文件');
  } finally {
    rmSync(mine, { force: true });
  }
}
