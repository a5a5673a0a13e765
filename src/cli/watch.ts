import type { Command } from 'commander';
import { watchReport } from '../watch.js';
import { loadInputs } from '../pipeline.js';
import { displayPath } from '../config/load.js';
import { templateFiles } from '../archive/snapshot.js';
import { DEFAULT_TEMPLATES } from '../report.js';
import { resolve } from 'node:path';
import { checkLabel, command, err, out, withBuildOptions, type BuildOptions } from './common.js';
import { describeFailure } from './exit.js';

export function registerWatch(program: Command): void {
  withBuildOptions(command(program, 'watch', '生成一个季度的预览（output/<季度>/preview/，不属于任何版本），数据、配置或模板一保存就重新生成')).action(async (opts: BuildOptions) => {
    const issue = checkLabel('--issue', opts.issue, 40);
    // Checked once up front: a wrong path or quarter is a usage error, not something to wait out.
    templateFiles(resolve(opts.templates ?? DEFAULT_TEMPLATES));
    await loadInputs({ data: opts.data, config: opts.config, quarter: opts.quarter });
    const clock = () => new Date().toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hourCycle: 'h23' });
    const watching = watchReport({ data: opts.data, quarter: opts.quarter, config: opts.config, templatesDir: opts.templates, out: opts.out, issue }, (e) => {
      const why = e.changed.length ? `（因 ${e.changed.map(displayPath).join('、')} 有改动）` : '';
      if (e.type === 'built') out(`[${clock()}] 预览已更新${why}：${e.dir}（${Math.round(e.ms)} ms）；事实核查：全部属实——${e.claims.narrative} / ${e.claims.pdf} / ${e.claims.docx} 处`);
      else err(`[${clock()}] 没有重新生成${why}，上一次的预览保留：\n错误：${describeFailure(e.error).message}`);
    });
    out('正在监视数据、配置与模板；按 Ctrl-C 结束');
    await new Promise<void>((done) => process.once('SIGINT', () => void watching.close().then(done)));
  });
}
