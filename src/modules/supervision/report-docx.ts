import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { formatMoney } from '../../platform/database/money';
import type { PlanTargetFigure } from './report-contributions';
import type { ReportFigures } from './report.service';
import { ReportKind } from './supervision.enums';

/** The office that issues the county's reports (the title block, 版头). */
export const ISSUING_OFFICE = '息烽县“双减”工作领导小组办公室';

/** The two editions a county office files: 专报 to the county government, 简报 to the departments. */
export type ReportEdition = 'SPECIAL' | 'BRIEFING';

const FONT = { ascii: 'FangSong', eastAsia: '仿宋_GB2312', hAnsi: 'FangSong' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '方正小标宋简体', hAnsi: 'SimSun' };
const RED = 'C00000';

/** A figure as printed: 98.5%, 1234.00 元, 3; `—` when there is nothing to measure. */
export function displayValue(f: Pick<PlanTargetFigure, 'unit' | 'value'>): string {
  if (f.value === null) return '—';
  if (f.unit === 'PERCENT') return `${f.value}%`;
  if (f.unit === 'FEN') return `${formatMoney(BigInt(f.value))}元`;
  return f.value;
}

export function displayTarget(f: Pick<PlanTargetFigure, 'unit' | 'target'>): string {
  return f.target === null ? '—' : displayValue({ unit: f.unit, value: f.target });
}

/** `2026-12-01` → `2026年12月1日`. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The report's title: 2026年11月“双减”工作调度情况 / 2026年第四季度“双减”工作总结. */
export function reportTitle(f: Pick<ReportFigures, 'kind' | 'period'>): string {
  if (f.kind === ReportKind.MONTHLY) {
    const [y, m] = f.period.split('-').map(Number);
    return `${y}年${m}月全县“双减”工作调度情况`;
  }
  const [y, q] = f.period.split('-Q');
  return `${y}年第${['一', '二', '三', '四'][Number(q) - 1]}季度全县“双减”工作总结`;
}

const run = (value: string, opts: { bold?: boolean; size?: number; color?: string; font?: typeof FONT } = {}) =>
  new TextRun({ text: value, font: opts.font ?? FONT, size: opts.size ?? 32, bold: opts.bold, color: opts.color });

const para = (value: string, opts: { heading?: boolean; center?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560 },
    children: [run(value, { font: opts.heading ? HEADING_FONT : FONT })],
  });

function table(header: string[], rows: string[][]): Table {
  const cell = (value: string, bold = false) =>
    new TableCell({
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(value, { bold, size: 24 })] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(v)) })),
    ],
  });
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The printable document (公文式 DOCX) of a stored report: the title block of the county office (red
 * 版头 with the edition — 专报 or 工作简报 — the document number 文号 and the date), the title, the period,
 * the plan's targets section by section as tables (指标 / 本期 / 目标), then supervision tasks by
 * department and township, escalations and rectification, and the distribution line (报送/发送).
 */
export async function toDocx(
  f: ReportFigures,
  edition: ReportEdition,
  meta: { documentNumber: string; issuedOn: string },
): Promise<Buffer> {
  const title = reportTitle(f);
  const body: (Paragraph | Table)[] = [];
  let n = 0;
  const heading = (value: string) => body.push(para(`${NUMERALS[n++] ?? n}、${value}`, { heading: true }));

  body.push(
    para(
      `统计期间：${chineseDate(f.firstDate)}至${chineseDate(f.lastDate)}` +
        (f.partial ? `（本期未结束，数据截至${f.asOf.slice(0, 10)}生成时）` : '') +
        '。计划目标按期末时点或本期发生数统计，与县“双减”工作看板同一日期数据一致。',
    ),
  );
  heading('计划目标完成情况');
  for (const s of f.targets) {
    body.push(para(`（${s.title.zh}）`, { indent: true }));
    body.push(
      table(
        ['指标', '本期数值', '目标'],
        s.figures.map((fig) => [
          fig.label.zh,
          displayValue(fig) +
            (fig.unit === 'PERCENT' && fig.denominator !== undefined ? `（${fig.numerator}/${fig.denominator}）` : ''),
          displayTarget(fig),
        ]),
      ),
    );
  }
  heading('督导检查任务');
  body.push(
    para(`本期新开督导任务${f.totals.opened}项，办结${f.totals.closed}项，期末逾期未完成${f.totals.overdueAtEnd}项。`),
  );
  const areaRows = (rows: ReportFigures['byDepartment']) =>
    rows.map((r) => [r.name, String(r.opened), String(r.closed), String(r.overdue)]);
  if (f.byDepartment.length) body.push(table(['牵头部门', '新开', '办结', '逾期'], areaRows(f.byDepartment)));
  if (f.byTownship.length) body.push(table(['乡镇（街道）', '新开', '办结', '逾期'], areaRows(f.byTownship)));
  heading('分级督办');
  body.push(
    para(
      `本期一级督办${f.escalations.level1}次，二级督办${f.escalations.level2}次，三级督办${f.escalations.level3}次。`,
    ),
  );
  heading('整改落实');
  body.push(
    para(
      `期内到期整改${f.rectification.dueByEnd}项，按期完成${f.rectification.completedByEnd}项` +
        (f.rectification.rate === null ? '。' : `，整改完成率${(f.rectification.rate * 100).toFixed(1)}%。`),
    ),
  );
  body.push(para(`全县在营校外培训机构${f.registry.operatingInstitutions}家。`));

  const rule = (color: string) => ({ bottom: { style: BorderStyle.SINGLE, size: 12, color, space: 4 } });
  const doc = new Document({
    creator: ISSUING_OFFICE,
    title: `${title}（${edition === 'SPECIAL' ? '专报' : '简报'}）`,
    styles: { default: { document: { run: { font: FONT, size: 32 } } } },
    sections: [
      {
        properties: {
          page: { margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28 })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run(ISSUING_OFFICE, { size: 44, color: RED, font: TITLE_FONT, bold: true })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 200, after: 200 },
            children: [
              run(edition === 'SPECIAL' ? '专  报' : '工 作 简 报', { size: 72, color: RED, font: TITLE_FONT }),
            ],
          }),
          new Paragraph({
            border: rule(RED),
            tabStops: [{ type: 'right', position: 9000 }],
            children: [run(meta.documentNumber), run(`\t${chineseDate(meta.issuedOn)}`)],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 400, after: 400, line: 560 },
            children: [run(title, { size: 44, font: TITLE_FONT })],
          }),
          ...body,
          new Paragraph({ spacing: { before: 600 }, border: rule('000000'), children: [] }),
          para(edition === 'SPECIAL' ? '报送：县人民政府' : '发送：县“双减”工作领导小组各成员单位', { indent: false }),
          new Paragraph({
            border: rule('000000'),
            tabStops: [{ type: 'right', position: 9000 }],
            children: [run(ISSUING_OFFICE, { size: 28 }), run(`\t${chineseDate(meta.issuedOn)}印发`, { size: 28 })],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
