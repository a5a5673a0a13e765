import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const verbSet = z.object({ up: z.string(), down: z.string(), flat: z.string() });
const adjectives = z.object({ strong: z.string(), weak: z.string() });

export const wordingSchema = z.object({
  join: z.object({ separator: z.string().default('、'), last: z.string().default('和'), shortList: z.number().int().min(0).default(3) }).prefault({}),
  numbers: z.object({ thousands: z.string().default(','), groupFrom: z.number().int().positive().default(10000), minus: z.string().default('-') }).prefault({}),
  rangeDash: z.string().default('—'),
  verbs: z
    .object({
      score: verbSet.default({ up: '上升', down: '下降', flat: '持平' }),
      growth: verbSet.default({ up: '增长', down: '下降', flat: '持平' }),
      rate: verbSet.default({ up: '提高', down: '下降', flat: '持平' }),
      count: verbSet.default({ up: '增加', down: '减少', flat: '持平' }),
    })
    .prefault({}),
  rankMove: z
    .object({
      up: z.string().default('从{from}上升到{to}'),
      down: z.string().default('从{from}下降到{to}'),
      keepTop: z.string().default('仍居{to}'),
      keep: z.string().default('保持不变，仍为{to}'),
    })
    .prefault({}),
  few: z.number().int().min(0).default(5),
  nodes: z.record(z.string(), adjectives).default({}),
  defaultNode: adjectives.default({ strong: '表现突出', weak: '表现偏弱' }),
  roles: z.object({ top: z.string(), riser: z.string(), faller: z.string() }).default({ top: '得分最高', riser: '增幅最大', faller: '降幅最大' }),
});

export type Wording = z.infer<typeof wordingSchema>;

export const WORDING_FILE = 'wording.yaml';

/** Reads `wording.yaml` from the templates folder (every field has a default). */
export function loadWording(templatesDir: string): Wording {
  const path = join(templatesDir, WORDING_FILE);
  const raw = existsSync(path) ? parse(readFileSync(path, 'utf8')) : {};
  const parsed = wordingSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${path}: invalid wording data: ${issues}`);
  }
  return parsed.data;
}
