import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { InputError } from '../errors.js';

/**
 * The archive log of a quarter, `<quarter>/archive-log.jsonl`: one line per
 * event (a version built, a version issued), appended and never rewritten.
 * Each line holds the SHA-256 of the line before it, so changing, removing or
 * inserting a line breaks every later link; the hash of the newest line (which
 * `issue` prints for the editor to keep outside the archive) vouches for the
 * whole history before it. An issue entry may carry an Ed25519 signature over
 * the line without its `sig` field, made with a key that never lies in the
 * archive.
 */
export const LOG_FILE = 'archive-log.jsonl';
const GENESIS = '0'.repeat(64);

export interface LogFields {
  event: 'build' | 'issue';
  quarter: string;
  version: number;
  at: string;
  /** SHA-256 of the version's manifest.json. */
  manifest: string;
  /** SHA-256 of ISSUED.json (issue entries). */
  record?: string;
  issue?: string;
  note?: string;
  /** Fingerprint of the public key that signed the entry. */
  key?: string;
}

export interface LogEntry extends LogFields {
  seq: number;
  prev: string;
  sig?: string;
}

export interface ReadLog {
  entries: { entry: LogEntry; hash: string; line: number }[];
  /** Breaks in the chain or unreadable lines, in Chinese. */
  problems: string[];
}

export const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
/** The bytes an entry's signature covers: the entry as written, without `sig`. */
const signedBody = (e: LogEntry) => JSON.stringify({ ...e, sig: undefined });

export function readLog(qdir: string): ReadLog {
  const path = join(qdir, LOG_FILE);
  const out: ReadLog = { entries: [], problems: [] };
  if (!existsSync(path)) return out;
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else if (lines.length) out.problems.push(`${LOG_FILE} 第${lines.length}行不完整（写入被中断，或文件被截断）`);
  let prev = GENESIS;
  lines.forEach((line, i) => {
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      out.problems.push(`${LOG_FILE} 第${i + 1}行不是有效的 JSON`);
      return;
    }
    if (entry.prev !== prev || entry.seq !== i + 1) out.problems.push(`${LOG_FILE} 第${i + 1}行与前一行的哈希链接不上：日志被改动过（改写、删除或插入了记录）`);
    prev = sha256(line);
    out.entries.push({ entry, hash: prev, line: i + 1 });
  });
  return out;
}

/** Appends one entry (the caller holds the quarter's lock) and returns its hash. */
export function appendLog(qdir: string, fields: LogFields, key?: KeyObject): string {
  const log = readLog(qdir);
  if (log.problems.length) throw new ArchiveError('refused', join(qdir, LOG_FILE), `归档日志已损坏，不再往里追加：${log.problems[0]}`, '用 scindex verify 查看详情；从备份恢复日志后再操作');
  const last = log.entries[log.entries.length - 1];
  const entry: LogEntry = { seq: (last?.entry.seq ?? 0) + 1, prev: last?.hash ?? GENESIS, ...fields };
  if (key) {
    entry.key = keyFingerprint(key);
    entry.sig = sign(null, Buffer.from(signedBody(entry)), key).toString('base64');
  }
  const line = JSON.stringify(entry);
  const fd = openSync(join(qdir, LOG_FILE), 'a');
  try {
    appendFileSync(fd, line + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return sha256(line);
}

/** Whether an entry carries a valid signature by this public key. */
export function signatureValid(entry: LogEntry, publicKey: KeyObject): boolean {
  if (!entry.sig || entry.key !== keyFingerprint(publicKey)) return false;
  try {
    return verify(null, Buffer.from(signedBody(entry)), publicKey, Buffer.from(entry.sig, 'base64'));
  } catch {
    return false;
  }
}

/** The first 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
export function keyFingerprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return sha256(pub.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

/** Reads an Ed25519 key (PEM) for signing or checking, with a clear message when it is not one. */
export function readKey(file: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    const pem = readFileSync(file);
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError([
      {
        file,
        message: code === 'ENOENT' ? '密钥文件不存在' : `读不出${kind === 'private' ? '私钥' : '公钥'}（应为 PEM 格式）`,
        hint: '生成一对 Ed25519 密钥：openssl genpkey -algorithm ed25519 -out key.pem; openssl pkey -in key.pem -pubout -out pub.pem',
      },
    ]);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError([{ file, message: `这是 ${key.asymmetricKeyType} 密钥，签名只用 Ed25519 密钥`, hint: 'openssl genpkey -algorithm ed25519 -out key.pem' }]);
  return key;
}
