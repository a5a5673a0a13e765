import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { listQuarters, listVersions } from '../archive/store.js';
import { issueComplete } from '../archive/issue.js';
import { command, out, outOption } from './common.js';
import { localTime } from '../archive/time.js';

export function registerList(program: Command): void {
  command(program, 'list', '列出归档中的季度与版本：已发布或草稿，以及时间（北京时间）')
    .addOption(outOption())
    .action((opts: { out: string }) => {
      if (!existsSync(opts.out)) throw new InputError([{ file: opts.out, message: '归档文件夹不存在', hint: '用 --out 指定归档文件夹（默认 output）' }]);
      if (!statSync(opts.out).isDirectory()) throw new InputError([{ file: opts.out, message: '这是文件，不是归档文件夹', hint: '用 --out 指定归档文件夹' }]);
      const quarters = listQuarters(opts.out);
      if (!quarters.length) {
        out(`归档 ${opts.out} 是空的`);
        return;
      }
      for (const q of quarters)
        for (const v of listVersions(opts.out, q)) {
          const state = v.issued
            ? `${issueComplete(v) ? '已发布' : '发布未完成（再运行一次 scindex issue 完成它）'} ${localTime(v.issued.at)}${v.issued.issue ? ` ${v.issued.issue}` : ''}${v.issued.note ? `（${v.issued.note}）` : ''}`
            : v.factsOnly
              ? '草稿（仅事实台账，不能发布）'
              : '草稿';
          out(`${q}  v${v.version}  ${state}  构建于 ${localTime(v.builtAt)}（北京时间）`);
        }
    });
}
