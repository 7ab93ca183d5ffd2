import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { text } from '../../platform/i18n/text';
import { PlanTargetFigure, ReportContributions, ReportWindow } from '../supervision';
import { PenaltyKind } from './enforcement.enums';
import { EnforcementQueries } from './enforcement.queries';
import { reportDates } from './enforcement.rules';

const KIND_LABELS: Record<PenaltyKind, { en: string; zh: string }> = {
  [PenaltyKind.WARNING]: { en: 'warnings', zh: '警告' },
  [PenaltyKind.PUBLIC_CRITICISM]: { en: 'public criticisms', zh: '通报批评' },
  [PenaltyKind.FINE]: { en: 'fines', zh: '罚款' },
  [PenaltyKind.CONFISCATION]: { en: 'confiscations of illegal income', zh: '没收违法所得' },
  [PenaltyKind.ENROLMENT_SUSPENDED]: { en: 'enrolment suspensions', zh: '责令停止招生' },
  [PenaltyKind.STOP_OPERATING]: { en: 'orders to stop operating', zh: '责令停止举办' },
  [PenaltyKind.LICENCE_REVOKED]: { en: 'licences revoked', zh: '吊销办学许可证' },
  [PenaltyKind.PRACTICE_RESTRICTED]: { en: 'practice restrictions', zh: '限制从业' },
};

/** The figure name of a kind: ENROLMENT_SUSPENDED → decidedEnrolmentSuspended. */
const figureName = (k: PenaltyKind): string =>
  'decided' + k.toLowerCase().replace(/(^|_)([a-z])/g, (_, __: string, c: string) => c.toUpperCase());

/**
 * The `enforcement` section of the county's reports (一月一调度、一季一总结) and the dashboard, registered
 * in supervision's ReportContributions: penalty decisions decided in the window (business days, not
 * withdrawn), by kind, fines and confiscations in fen, how many are carried out, and how many were against
 * unlicensed operators (常态清零).
 */
@Injectable()
export class EnforcementReport implements OnModuleInit {
  constructor(
    private readonly contributions: ReportContributions,
    private readonly queries: EnforcementQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.contributions.register({
      section: 'enforcement',
      title: text('Administrative penalties', '行政处罚'),
      order: 50,
      figures: (window) => this.figures(window),
    });
  }

  async figures(window: ReportWindow): Promise<PlanTargetFigure[]> {
    const { from, to } = reportDates(window, this.config.timeZone);
    const f = await this.queries.figures(from, to);
    const count = (key: string, label: { en: string; zh: string }, value: number): PlanTargetFigure => ({
      key: `enforcement.${key}`,
      label: text(label.en, label.zh),
      unit: 'COUNT',
      value: String(value),
      target: null,
    });
    return [
      count('penaltiesDecided', { en: 'Penalty decisions made', zh: '作出行政处罚决定数' }, f.decided),
      ...Object.values(PenaltyKind).map((k) =>
        count(
          figureName(k),
          { en: `Decisions imposing ${KIND_LABELS[k].en}`, zh: `其中${KIND_LABELS[k].zh}` },
          f.byKind[k],
        ),
      ),
      {
        key: 'enforcement.finesFen',
        label: text('Fines imposed', '罚款金额'),
        unit: 'FEN',
        value: f.fineFen.toString(),
        target: null,
      },
      {
        key: 'enforcement.confiscatedFen',
        label: text('Illegal income confiscated', '没收违法所得金额'),
        unit: 'FEN',
        value: f.confiscatedFen.toString(),
        target: null,
      },
      count('carriedOut', { en: 'Decisions carried out', zh: '已履行完毕' }, f.carriedOut),
      count(
        'againstUnlicensed',
        { en: 'Decisions against unlicensed operators (常态清零)', zh: '查处无证无照培训' },
        f.unlicensed,
      ),
    ];
  }
}
