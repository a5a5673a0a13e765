import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { issueQuarter } from '../archive/issue.js';
import { readKey } from '../archive/log.js';
import { checkLabel, command, normaliseQuarter, out, outOption, quarterOption, versionNumber, versionNumberOption } from './common.js';
import { stageProgress } from './progress.js';
import { localTime } from '../archive/time.js';

/** Asks for the 期号 on a terminal (in a pipe or a script there is no one to ask: --issue is required there). */
async function askIssue(): Promise<string | undefined> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question('这个版本的页眉没有期号。请输入期号（如 2018年第6期；直接回车则取消）：')).trim();
    return answer ? checkLabel('--issue', answer, 40) : undefined;
  } finally {
    rl.close();
  }
}

export function registerIssue(program: Command): void {
  command(program, 'issue', '发布一个版本：写入发布记录，版本从此只读，绝不在原处重建')
    .addOption(quarterOption(true))
    .addOption(versionNumberOption('版本号（默认：最新版本）'))
    .addOption(outOption())
    .option('--issue <期号>', '期号，如 2018年第6期（版本页眉没有期号时必需：会用同样的数据生成带期号的新版本再发布）')
    .option('--note <text>', '随发布记录保存的备注，如 科技参考2018年第6期')
    .option('--sign <key.pem>', '用 Ed25519 私钥为发布记录签名（私钥不要放在归档里）')
    .action(async (opts: { quarter: string; version?: string; out: string; issue?: string; note?: string; sign?: string }) => {
      const quarter = normaliseQuarter(opts.quarter);
      const issue = checkLabel('--issue', opts.issue, 40);
      const note = checkLabel('--note', opts.note, 200);
      const key = opts.sign ? readKey(opts.sign, 'private') : undefined;
      const progress = stageProgress();
      let r;
      try {
        // The question is asked on a line of its own, then the build's stages go on.
        const ask = async () => {
          progress.done();
          const answer = await askIssue();
          progress.restart();
          return answer;
        };
        r = await issueQuarter({ root: opts.out, quarter, version: versionNumber(opts.version), issue, note, key, askIssue: ask, onStage: progress.onStage });
      } finally {
        progress.done();
      }
      if (r.rebuiltFrom !== undefined) out(`v${r.rebuiltFrom} 的页眉没有期号：已用同样的输入生成带期号「${r.record.issue}」的 v${r.info.version}（数字不变）`);
      if (r.resumed) out(`${quarter} v${r.info.version} 的发布曾被中断，现已完成`);
      out(`${quarter} v${r.info.version} 已发布（${r.record.issue ?? ''}，${localTime(r.record.at)} 北京时间）；${r.info.dir} 现为只读`);
      out(`发布记录的哈希：${r.hash}`);
      out(`请把这个哈希另行保存（归档之外）：日后 scindex verify --quarter ${quarter} --record ${r.hash} 可证明归档未被改动${key ? '；记录已签名，核验时加 --key 公钥.pem' : ''}`);
    });
}
