import { countFigure, percentFigure, windowDates } from './plan-targets.service';
import { chineseDate, displayTarget, displayValue, reportTitle } from './report-docx';
import { ReportKind } from './supervision.enums';
import { text } from '../../platform/i18n/text';

const label = text('x', '甲');

describe('plan-target figures', () => {
  it('a percentage has one decimal, rounded half up, and is null over zero', () => {
    expect(percentFigure('a.b', label, 2, 3, '100')).toMatchObject({
      unit: 'PERCENT',
      value: '66.7',
      numerator: 2,
      denominator: 3,
      target: '100',
    });
    expect(percentFigure('a.b', label, 1, 8, null).value).toBe('12.5');
    expect(percentFigure('a.b', label, 3, 3, null).value).toBe('100.0');
    expect(percentFigure('a.b', label, 0, 0, '100').value).toBeNull();
  });

  it('prints values and targets as a county document does', () => {
    expect(displayValue(percentFigure('a.b', label, 1, 8, null))).toBe('12.5%');
    expect(displayValue({ unit: 'PERCENT', value: null })).toBe('—');
    expect(displayValue({ unit: 'FEN', value: '123456' })).toBe('1234.56元');
    expect(displayValue(countFigure('a.c', label, 7, '0'))).toBe('7');
    expect(displayTarget({ unit: 'COUNT', target: null })).toBe('—');
    expect(displayTarget({ unit: 'PERCENT', target: '100' })).toBe('100%');
  });

  it('names dates, titles and windows in business time', () => {
    expect(chineseDate('2026-12-01')).toBe('2026年12月1日');
    expect(reportTitle({ kind: ReportKind.MONTHLY, period: '2026-11' })).toBe('2026年11月全县“双减”工作调度情况');
    expect(reportTitle({ kind: ReportKind.QUARTERLY, period: '2026-Q4' })).toBe('2026年第四季度全县“双减”工作总结');
    // November in Xifeng (UTC+8): [Oct 31 16:00Z, Nov 30 16:00Z).
    expect(
      windowDates({ from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z') }, 'Asia/Shanghai'),
    ).toEqual({ firstDate: '2026-11-01', lastDate: '2026-11-30' });
  });
});
