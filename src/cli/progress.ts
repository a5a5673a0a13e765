/**
 * A build's stages shown while it runs — only on a terminal: in a pipe or a
 * log file the lines would be noise, and the final summary says it all.
 */
const STAGES: [string, string][] = [
  ['load', '读取与校验数据'],
  ['compute', '计算指数'],
  ['narrative', '撰写文字'],
  ['figures', '绘制图表'],
  ['model', '排版'],
  ['pdf', '生成 PDF'],
  ['docx', '生成 Word 文件'],
  ['factcheck', '事实核查'],
];

export interface Progress {
  onStage?: (stage: string, ms: number) => void;
  /** Clears the line of the stage in progress (before a question, or at the end). */
  done(): void;
  /** Shows the first stage again (after a question). */
  restart(): void;
}

export function stageProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { done: () => undefined, restart: () => undefined };
  let pending = false;
  const show = (i: number) => {
    if (i >= STAGES.length) return;
    stream.write(`  … ${STAGES[i][1]}`);
    pending = true;
  };
  const clear = () => {
    if (pending) stream.write('\r\x1b[K');
    pending = false;
  };
  show(0);
  return {
    onStage: (stage, ms) => {
      const i = STAGES.findIndex(([s]) => s === stage);
      if (i < 0) return;
      clear();
      stream.write(`  ✓ ${STAGES[i][1]}（${Math.round(ms)} ms）\n`);
      show(i + 1);
    },
    done: clear,
    restart: () => {
      clear();
      show(0);
    },
  };
}
