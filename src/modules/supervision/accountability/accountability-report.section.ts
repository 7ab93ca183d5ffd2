import { Injectable, OnModuleInit } from '@nestjs/common';
import { text } from '../../../platform/i18n/text';
import { PlanTargetFigure, ReportContributions, ReportWindow } from '../report-contributions';
import { AccountabilityDecisionKind } from './accountability.enums';
import { AccountabilityQueries } from './accountability.queries';

/** Each decision kind's figure: key (after `accountability.`), English and Chinese label. */
const KIND_FIGURES: Record<AccountabilityDecisionKind, [string, string, string]> = {
  INTERVIEW: ['decisionsInterview', 'Decisions: interview', '处理决定：约谈'],
  CIRCULATED: ['decisionsCirculated', 'Decisions: circulated criticism', '处理决定：通报批评'],
  ACCOUNTABILITY: ['decisionsAccountability', 'Decisions: accountability', '处理决定：问责'],
  NO_ACTION: ['decisionsNoAction', 'Decisions: no action', '处理决定：不予问责'],
};

/**
 * The `accountability` section of the county's reports (问责情况): cases opened and decided in the window,
 * and the decisions by kind. Flow figures with no plan target.
 */
@Injectable()
export class AccountabilityReportSection implements OnModuleInit {
  constructor(
    private readonly contributions: ReportContributions,
    private readonly queries: AccountabilityQueries,
  ) {}

  onModuleInit(): void {
    this.contributions.register({
      section: 'accountability',
      title: text('Accountability (after level-3 escalation)', '问责情况（三级督办后）'),
      order: 90,
      figures: (window) => this.figures(window),
    });
  }

  async figures(window: ReportWindow): Promise<PlanTargetFigure[]> {
    const f = await this.queries.windowFigures(window.from, window.to);
    const count = (key: string, en: string, zh: string, value: number): PlanTargetFigure => ({
      key: `accountability.${key}`,
      label: text(en, zh),
      unit: 'COUNT',
      value: String(value),
      target: null,
    });
    return [
      count('casesOpened', 'Accountability cases opened', '问责案件立案数', f.opened),
      count('casesDecided', 'Accountability cases decided', '问责案件办结数', f.decided),
      ...Object.values(AccountabilityDecisionKind).map((k) => count(...KIND_FIGURES[k], f.byKind[k])),
    ];
  }
}
