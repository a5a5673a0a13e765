import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { InputError } from '../errors.js';
import { verifyVersion, TOOL } from '../archive/index.js';
import { listQuarters, listVersions, quarterDir, readVersion, type VersionInfo } from '../archive/store.js';
import { readKey, readLog } from '../archive/log.js';
import { command, normaliseQuarter, out, outOption, versionNumber, versionNumberOption } from './common.js';
import { EXIT } from './exit.js';

export function registerVerify(program: Command): void {
  command(program, 'verify', '核验归档：每个文件对照清单、清单对照发布记录与归档日志，并从存档的输入重新生成、逐字节比较')
    .option('-q, --quarter <quarter>', '只核验这个季度（默认：整个归档）')
    .addOption(versionNumberOption('只核验这个版本（默认：每个版本）'))
    .addOption(outOption())
    .option('--key <pub.pem>', 'Ed25519 公钥：每条发布记录都必须有它的有效签名')
    .option('--record <hash>', '发布时打印的记录哈希：归档日志中必须有这条记录')
    .action(async (opts: { quarter?: string; version?: string; out: string; key?: string; record?: string }) => {
      if (!existsSync(opts.out)) throw new InputError([{ file: opts.out, message: '归档文件夹不存在', hint: '用 --out 指定归档文件夹' }]);
      if (opts.version && !opts.quarter) throw new InputError([{ file: '--version', message: '给出 --version 时也要给出 --quarter', hint: '例如：scindex verify --quarter 2018Q3 --version 1' }]);
      if (opts.record !== undefined && !/^[0-9a-f]{64}$/.test(opts.record)) throw new InputError([{ file: '--record', message: '记录哈希应是 64 位十六进制数字', hint: '照抄 scindex issue 打印的「发布记录的哈希」' }]);
      const key = opts.key ? readKey(opts.key, 'public') : undefined;
      const quarters = opts.quarter ? [normaliseQuarter(opts.quarter)] : listQuarters(opts.out);
      const n = versionNumber(opts.version);
      const versions: VersionInfo[] = quarters.flatMap((q) => (n !== undefined ? [readVersion(opts.out, q, n)] : listVersions(opts.out, q)));
      if (!versions.length) throw new InputError([{ file: opts.out, message: opts.quarter ? `归档中没有 ${quarters[0]} 的版本` : '归档是空的', hint: '查看归档：scindex list' }]);
      const logs = new Map(quarters.map((q) => [q, readLog(quarterDir(opts.out, q))]));
      let failed = 0;
      for (const [i, v] of versions.entries()) {
        // On a terminal, which version is being rebuilt (each takes seconds); in a pipe only the result lines.
        if (process.stderr.isTTY) process.stderr.write(`  … 正在核验 ${v.quarter} v${v.version}`);
        const r = await verifyVersion(v, { log: logs.get(v.quarter), key });
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        const head = `[${i + 1}/${versions.length}] ${v.quarter} v${v.version}（${v.issued ? '已发布' : '草稿'}）`;
        if (r.ok) {
          out(`${head}：一致——${r.checked.length} 个输出文件逐字节相同，所有文件与清单${v.issued ? '、发布记录' : ''}和归档日志相符${key && v.issued ? '，签名有效' : ''}`);
          continue;
        }
        failed++;
        out(`${head}：不一致`);
        for (const f of r.mismatched) out(`  - ${f} 与从存档输入重新生成的不同`);
        for (const f of r.missing) out(`  - ${f} 缺失或多出`);
        for (const p of r.problems) out(`  - ${p}`);
        // A rebuild is byte-identical only with the tool version that made it.
        if (r.builtWith && (r.mismatched.length || r.missing.length)) out(`  这个版本由 ${r.builtWith} 生成，当前是 ${TOOL.name} ${TOOL.version}：不同版本的工具生成的文件可能不同，请用生成它的版本核验`);
      }
      if (opts.record) {
        const found = [...logs.values()].flatMap((l) => l.entries).find((e) => e.hash === opts.record);
        if (found) out(`记录 ${opts.record.slice(0, 12)}… 在 ${found.entry.quarter} 的归档日志第${found.line}行（${found.entry.quarter} v${found.entry.version} ${found.entry.event === 'issue' ? '发布' : '构建'}于 ${found.entry.at}）`);
        else {
          failed++;
          out(`归档日志中找不到哈希为 ${opts.record} 的记录：日志被改写过，或哈希抄错了`);
        }
      }
      out(failed ? `核验未通过：${failed} 处不一致` : `核验通过：${versions.length} 个版本`);
      if (failed) process.exitCode = EXIT.verify;
    });
}
