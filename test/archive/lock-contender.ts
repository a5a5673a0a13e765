// A process contending for a quarter's lock (test/archive/lock.test.ts): waits
// for the go file, tries to lock, holds the lock a while, and reports.
import { existsSync } from 'node:fs';
import { lockQuarter } from '../../src/archive/lock.js';

const [qdir, go] = process.argv.slice(2);
process.stdout.write('ready\n');
while (!existsSync(go)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
try {
  const lock = lockQuarter(qdir, '2018Q3');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
  process.stdout.write(lock.held() ? 'held\n' : 'lost\n');
  lock.release();
} catch (e) {
  process.stdout.write(`busy ${(e as Error).name}\n`);
}
