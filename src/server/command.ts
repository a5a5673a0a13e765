/** `scindex serve`: the editors' workbench (the command line's part of it). */
import type { Command } from 'commander';
import { resolve } from 'node:path';

interface ServeFlags {
  port: string;
  host: string;
  token?: string;
  data: string;
  out: string;
  templates?: string;
  config?: string;
  maxUpload: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动编辑工作台（浏览器中的中文界面）：数据、报告、措辞、归档')
    .option('-p, --port <n>', '端口', '8740')
    .option('--host <host>', '监听的地址（默认只允许本机访问；其他地址需要访问令牌）', '127.0.0.1')
    .option('--token <token>', '访问令牌（至少 16 个字符；不给则自动生成并打印）')
    .option('-d, --data <dir>', '数据文件夹（上传的 CSV/XLSX 保存在这里）', 'workspace/data')
    .option('-o, --out <dir>', '归档文件夹', 'output')
    .option('-t, --templates <dir>', '模板文件夹（默认 templates/）')
    .option('-c, --config <yaml>', '指标体系配置（默认 config/index.yaml）')
    .option('--max-upload <MB>', '单个上传文件的大小上限（MB）', '20')
    .action(async (flags: ServeFlags) => {
      const say = (s: string) => process.stdout.write(s + '\n');
      const port = Number(flags.port);
      const maxUpload = Number(flags.maxUpload);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`端口“${flags.port}”不对，请写 1—65535 之间的整数。`);
      if (!(maxUpload > 0)) return fail(`--max-upload “${flags.maxUpload}”不对，请写大于 0 的兆字节数。`);
      const { startServer } = await import('./index.js');
      let serving;
      try {
        serving = await startServer({ port, host: flags.host, token: flags.token, data: resolve(flags.data), out: resolve(flags.out), templates: flags.templates, config: flags.config, uploadLimit: Math.round(maxUpload * 1024 * 1024) });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') return fail(`端口 ${port} 已被占用。请换一个端口：npx scindex serve --port ${port + 1}`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return fail(`本机没有地址 ${flags.host}。`);
        if (e instanceof Error && e.name === 'HttpError') return fail(e.message);
        throw e;
      }
      say(`编辑工作台已启动：${serving.openUrl}`);
      say(`  数据文件夹：${flags.data}　归档文件夹：${flags.out}`);
      if (serving.openUrl !== serving.url) say(`  访问令牌：${serving.token}（没有令牌的请求一律拒绝；请只把地址发给需要的人）`);
      say('用浏览器打开上面的地址；按 Ctrl-C 停止。');
      await new Promise<void>((done) => {
        const stop = () => void serving.close().then(done);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

function fail(message: string): void {
  process.stderr.write(`错误：${message}\n`);
  process.exitCode = 2;
}
