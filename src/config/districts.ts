import { InputError, hiddenCharacters, visible, type InputProblem } from '../errors.js';
import type { District } from './types.js';

/**
 * A district's name as the report prints it: the short official name, Han characters
 * ending in 区 or 县 (忠县, 渝北区, 石柱县). The name also keys the map's boundaries and
 * is set into the report's text and markup, so anything else is refused here with
 * the line to fix, instead of failing later inside a figure.
 */
const SHORT_NAME = /^\p{Script=Han}{1,8}[区县]$/u;
/** The full names of the autonomous counties: 石柱土家族自治县, 彭水苗族土家族自治县 → 石柱县, 彭水县. */
const FULL_NAME = /^(\p{Script=Han}+?)(?:(?:土家|苗|回|彝|藏|壮|蒙古|满|侗|瑶|白|傣|黎|畲|水|羌|仡佬|布依|朝鲜|土)族)+自治[县州]$/u;

type LineOf = (path: (string | number)[]) => number | undefined;

/** Checks the registry's names, codes and aliases; every problem names its line in the districts file. */
export function checkDistricts(raw: District[], file: string, lineOf: LineOf): District[] {
  const problems: InputProblem[] = [];
  const at = (i: number, key: string, message: string, hint: string) => problems.push({ file, line: lineOf(['districts', i, key]), message, hint });
  const owner = new Map<string, string>();
  const codes = new Map<number, string>();
  raw.forEach((d, i) => {
    const nameProblem = checkName(d.name);
    if (nameProblem) at(i, 'name', nameProblem.message, nameProblem.hint);
    d.aliases.forEach((a) => {
      const hidden = hiddenCharacters(a);
      if (hidden.length) at(i, 'aliases', `${d.name}的别名"${visible(a)}"含不可见字符 ${hidden.join('、')}`, '删去这些字符（多半是从网页或文档复制时带入的），重新输入别名');
    });
    if (!/^50\d{4}$/.test(String(d.code))) at(i, 'code', `${visible(d.name)}的代码 ${d.code} 不是重庆市的六位行政区划代码`, '按 GB/T 2260 写成 50 开头的六位数字，如 500112');
    const codeOwner = codes.get(d.code);
    if (codeOwner) at(i, 'code', `代码 ${d.code} 已用于${codeOwner}`, '每个区县的代码必须不同');
    codes.set(d.code, d.name);
    for (const label of [d.name, ...d.aliases]) {
      const other = owner.get(label);
      if (other && other !== d.name) at(i, label === d.name ? 'name' : 'aliases', `"${visible(label)}"同时是${visible(other)}和${visible(d.name)}的名称或别名`, '每个名称和别名只能属于一个区县');
      owner.set(label, d.name);
    }
  });
  if (problems.length) throw new InputError(problems);
  return raw.map((d) => ({ ...d }));
}

function checkName(name: string): { message: string; hint: string } | null {
  const hidden = hiddenCharacters(name);
  if (hidden.length) return { message: `区县名"${visible(name)}"含不可见字符 ${hidden.join('、')}`, hint: '删去这些字符（多半是从网页或文档复制时带入的），重新输入区县名' };
  const full = FULL_NAME.exec(name);
  if (full || name.includes('自治')) return { message: `区县名"${name}"是全称，报告和地图使用简称`, hint: `name 写简称${full ? ` ${full[1]}县` : '（如 石柱县）'}，把全称 ${name} 放进 aliases（数据中写全称仍可识别）` };
  if (!SHORT_NAME.test(name))
    return {
      message: `区县名"${visible(name)}"不是区县简称：应由汉字组成，以"区"或"县"结尾，不含符号、字母或空格`,
      hint: '写报告中使用的简称，如 渝北区、石柱县；其他写法放进 aliases',
    };
  return null;
}
