/**
 * A hand-built document model for renderer tests and the preview script:
 * title, byline with footnote ①, lead, headings of three levels, enough body
 * text for several pages, two figures (SVG + PNG drawn with @napi-rs/canvas),
 * a 38-row table that crosses a page, notes.
 */
import { createCanvas, GlobalFonts, SvgExportFlag, type SKRSContext2D } from '@napi-rs/canvas';
import type { Block, DocumentModel, Inline } from '../../src/model/types.js';
import { fontPath } from '../../src/fonts.js';

export const DISTRICTS = [
  '渝北区',
  '江北区',
  '沙坪坝区',
  '九龙坡区',
  '南岸区',
  '渝中区',
  '万州区',
  '涪陵区',
  '北碚区',
  '巴南区',
  '大渡口区',
  '永川区',
  '璧山区',
  '荣昌区',
  '江津区',
  '合川区',
  '綦江区',
  '黔江区',
  '丰都县',
  '大足区',
  '奉节县',
  '长寿区',
  '潼南区',
  '南川区',
  '云阳县',
  '铜梁区',
  '开州区',
  '垫江县',
  '酉阳县',
  '梁平区',
  '忠县',
  '巫山县',
  '石柱县',
  '秀山县',
  '城口县',
  '彭水县',
  '巫溪县',
  '武隆区',
];

/** Scores falling from 87.89 (deterministic, no randomness). */
export const SCORES = DISTRICTS.map((_, i) => Math.round((87.89 - i * 1.07 - (i % 3) * 0.31) * 100) / 100);

export const PARAGRAPHS = [
  '根据各区县2018年第3季度双创指数的综合得分，可将全市38个区县划分为4类：第一类：双创指数得分在80分以上的区县有1个，为渝北区。第二类：双创指数得分在70—80分的区县有5个，为江北区、沙坪坝区、九龙坡区、南岸区、渝中区。',
  '第三类：双创指数得分在50—70分的区县有29个，分别为：万州区、涪陵区、北碚区、巴南区、大渡口区、永川区、璧山区、荣昌区、江津区、合川区、綦江区、黔江区、丰都县、大足区、奉节县、长寿区、潼南区、南川区、云阳县、铜梁区、开州区、垫江县、酉阳县、梁平区、忠县、巫山县、石柱县、秀山县、城口县。第四类：双创指数得分在50分以下的区县有3个，分别为：彭水县、巫溪县、武隆区。',
  '从全市总体比较情况来看，2018年第3季度，渝北区、九龙坡区、沙坪坝区、江北区、南岸区的双创活力突出，其中，双创活力指数最高的为渝北区，指数值为31.01；武隆区、垫江县、梁平区、忠县、巫溪县、彭水县在双创活力方面的表现偏弱，其中，彭水县的双创活力指数值最低，为15.58。',
  '从连续两个季度双创活力指数的变化来看，38个区县平均增长了0.59%，全市双创活力指数整体有所上升，其中有13个区县的双创活力指数增幅高于平均增幅。从全市来看，双创活力指数增幅较大的有：大渡口区、丰都县、酉阳县、黔江区、城口县，其中大渡口区增幅最大，双创活力指数增幅为29.26%；双创活力指数降幅较大的有：荣昌区、武隆区、北碚区、忠县、秀山县，其中秀山县降幅最大，双创活力指数降幅为14.52%。',
  '从全市总体比较情况来看，2018年第3季度，渝北区、渝中区、江北区、九龙坡区、沙坪坝区的双创环境相对优良，其中，双创环境指数最高的为渝北区，指数值为35.41；石柱县、秀山县、彭水县、巫溪县、武隆区的双创环境有待改善，其中，武隆区的双创环境指数值最低，为17.38。',
  '从连续两个季度双创环境指数的变化来看，38个区县平均增长了0.08%，全市双创环境指数整体有所上升，其中有20个区县的双创环境指数增幅高于平均增幅。从全市来看，双创环境指数增幅较大的有：云阳县、渝北区、奉节县、永川区、万州区，其中云阳县增幅最大，双创环境指数增幅为15.08%，其增幅较大的指标为社会关注度，指数值较第2季度增长了31.79%。',
  '从全市总体比较情况来看，2018年第3季度，渝北区、沙坪坝区、江北区、九龙坡区、南岸区的双创成效显著，其中，双创成效指数最高的为渝北区，指数值为21.47；石柱县、大足区、忠县、武隆区、城口县的双创成效较低，其中，城口县的双创成效指数值最低，为12.24。',
  '从连续两个季度双创成效指数的变化来看，38个区县平均提高0.58%，全市双创成效指数呈增长趋势，其中有20个区县的双创成效指数增幅高于平均增幅。从全市来看，双创成效指数增幅较大的有：涪陵区、万州区、铜梁区、合川区、酉阳县、大渡口区，其中涪陵区增幅最大，双创成效指数增幅为22.24%，其增长幅度较大的指标为就业潜力，指数值较2018年第2季度增长了47.24%。',
  '相比2018年第2季度，2018年第3季度全市38个区县的双创指数得分上升了0.16%，其中有20个区县的双创指数得分较上季度有所提升。2018年第3季度，渝北区双创指数得分在全市排名第一，得分有所上升。',
  '渝北区双创指数得分87.89，双创指数得分位列各区县第一。从具体指标变化情况来看，渝北区在创业主体打造、众创空间质量提升、知识产权保护、创业带动就业等方面表现亮眼。一是新注册企业数达1241家，在全市排名第1；二是渝北区众创空间增加至42家，占全市总量的14.53%；三是知识产权保护程度排名全市第4，次于九龙坡区、渝中区、沙坪坝区；四是2018年第3季度新增就业岗位数在全市排名第1。',
  '大渡口区双创指数得分62.94，较2018年第2季度上升了7.13分，环比增幅为12.77%。从大渡口区双创指数的三个一级指标的得分情况来看，双创活力指数、双创环境指数、双创成效指数均呈上升趋势。双创活力指数增幅最大，得分增幅为29.26%，得分排名从第35位上升到第8位；双创环境指数得分增幅为3.43%，得分排名从第16位上升到第14位。',
];

export const LEAD = '重庆区县双创指数以引导全社会营造“大众创业、万众创新”环境和氛围为导向，以评价重庆各区县推进“双创”的基础及潜力为目标，客观反映各区县创新创业情况和发展趋势。';

export const FOOTNOTE = '重庆区县双创指数报告研究小组由重庆科技发展战略研究院、重庆大数据研究院等机构的专家学者组成，主要成员有刘斌、陈勇、张欣、刘兰、李政刚、刘朝。';

let fontsRegistered = false;
function registerChartFont(): void {
  if (fontsRegistered) return;
  GlobalFonts.registerFromPath(fontPath('sans', 'regular'), 'Noto Sans SC');
  fontsRegistered = true;
}

function drawBars(ctx: SKRSContext2D, w: number, h: number, labels: string[], values: number[]): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  const left = 30;
  const bottom = h - 46;
  const top = 12;
  const max = Math.max(...values);
  const step = (w - left - 8) / values.length;
  ctx.strokeStyle = '#444444';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, bottom);
  ctx.lineTo(w - 4, bottom);
  ctx.stroke();
  ctx.font = '9px "Noto Sans SC"';
  ctx.fillStyle = '#333333';
  for (let g = 0; g <= 4; g++) {
    const v = (max / 4) * g;
    const y = bottom - (v / max) * (bottom - top);
    ctx.fillText(v.toFixed(0), 4, y + 3);
  }
  values.forEach((v, i) => {
    const x = left + i * step + step * 0.15;
    const bh = (v / max) * (bottom - top);
    ctx.fillStyle = i < 5 ? '#b8322f' : '#3c6e9f';
    ctx.fillRect(x, bottom - bh, step * 0.7, bh);
    ctx.save();
    ctx.translate(x + step * 0.45, bottom + 4);
    ctx.rotate(Math.PI / 2);
    ctx.fillStyle = '#222222';
    ctx.fillText(labels[i], 0, 0);
    ctx.restore();
  });
}

/** A figure drawn twice: vector SVG (text as outlines) and a 2× PNG fallback. */
export async function makeFigure(widthPt: number, heightPt: number, labels: string[], values: number[]): Promise<{ svg: string; png: Uint8Array; widthPt: number; heightPt: number }> {
  registerChartFont();
  const w = Math.round(widthPt);
  const h = Math.round(heightPt);
  const svgCanvas = createCanvas(w, h, SvgExportFlag.ConvertTextToPaths);
  drawBars(svgCanvas.getContext('2d'), w, h, labels, values);
  const svg = svgCanvas.getContent().toString('utf8');
  const pngCanvas = createCanvas(w * 2, h * 2);
  const ctx = pngCanvas.getContext('2d');
  ctx.scale(2, 2);
  drawBars(ctx, w, h, labels, values);
  const png = new Uint8Array(await pngCanvas.encode('png'));
  return { svg, png, widthPt: w, heightPt: h };
}

const t = (text: string): Inline => ({ type: 'text', text });

export async function buildSampleModel(): Promise<DocumentModel> {
  const fig1 = await makeFigure(440, 200, DISTRICTS, SCORES);
  const fig2 = await makeFigure(300, 160, DISTRICTS.slice(0, 12), SCORES.slice(0, 12));
  const P = PARAGRAPHS;
  const blocks: Block[] = [
    { type: 'lead', content: [t(LEAD)] },
    { type: 'title', content: [t('2018年第三季度重庆区县双创指数报告')] },
    { type: 'byline', content: [t('重庆区县双创指数报告研究小组'), { type: 'footnoteRef', id: 'group' }] },
    { type: 'heading', level: 1, content: [t('一、区县双创指数评价结果')] },
    { type: 'paragraph', content: [t(P[0])] },
    { type: 'paragraph', content: [t(P[1])] },
    { type: 'figure', id: 'bar-total', number: 1, caption: '38个区县双创指数', ...fig1, note: '注：图中红色为得分前5位的区县。' },
    { type: 'heading', level: 1, content: [t('二、区县双创指数一级指标评价结果')] },
    { type: 'heading', level: 2, content: [t('（一）双创活力评价结果')] },
    { type: 'paragraph', content: [t(P[2])] },
    { type: 'paragraph', content: [t(P[3])] },
    { type: 'heading', level: 2, content: [t('（二）双创环境评价结果')] },
    { type: 'paragraph', content: [t(P[4])] },
    { type: 'paragraph', content: [t(P[5])] },
    { type: 'heading', level: 2, content: [t('（三）双创成效评价结果')] },
    { type: 'paragraph', content: [t(P[6])] },
    { type: 'paragraph', content: [t(P[7])] },
    { type: 'figure', id: 'bar-top12', number: 2, caption: '双创指数前12位区县', ...fig2 },
    { type: 'heading', level: 1, content: [t('三、区县双创指数与上季度对比情况')] },
    { type: 'heading', level: 2, content: [t('（一）总体情况')] },
    { type: 'paragraph', content: [t(P[8])] },
    { type: 'heading', level: 2, content: [t('（二）典型区县分析')] },
    { type: 'heading', level: 3, content: [t('1. 渝北区')] },
    { type: 'paragraph', content: [t(P[9])] },
    { type: 'heading', level: 3, content: [t('2. 大渡口区')] },
    { type: 'paragraph', content: [{ type: 'text', text: '大渡口区', bold: true }, t(P[10].slice(4))] },
    {
      type: 'table',
      id: 'appendix',
      number: 1,
      caption: '2018年第3季度38个区县双创指数得分',
      header: [['序号', '区县', '双创指数', '双创活力', '双创环境', '双创成效']],
      rows: DISTRICTS.map((d, i) => {
        const s = SCORES[i];
        const a = Math.round(s * 0.35 * 100) / 100;
        const b = Math.round(s * 0.4 * 100) / 100;
        return [String(i + 1), d, s.toFixed(2), a.toFixed(2), b.toFixed(2), (Math.round((s - a - b) * 100) / 100).toFixed(2)];
      }),
      align: ['center', 'left', 'right', 'right', 'right', 'right'],
      widths: [1, 2, 1.5, 1.5, 1.5, 1.5],
      note: '注：双创指数为双创活力、双创环境、双创成效三项一级指标得分之和。',
    },
    { type: 'note', content: [t('（来源：重庆科技发展战略研究院）')] },
  ];
  return {
    meta: {
      title: '2018年第三季度重庆区县双创指数报告',
      lang: 'zh-CN',
      author: '重庆区县双创指数报告研究小组',
      subject: '科技参考·2018年第6期',
      keywords: ['双创指数', '重庆', '区县'],
      date: '2018-11-15',
    },
    header: { bulletin: '科技参考·2018年第6期', column: '·本期特稿·' },
    blocks,
    footnotes: [{ id: 'group', mark: '①', content: [t(FOOTNOTE)] }],
  };
}
