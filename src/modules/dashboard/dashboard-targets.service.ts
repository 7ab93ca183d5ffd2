import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addDays, businessToday, localToInstant } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';
import { PlanTargetSection, SupervisionFacade } from '../supervision';
import { checkDate, monthStart } from './dashboard-period';

export enum DashboardTargetSpan {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}

/** First day of the quarter of a date ('2026-11-29' → '2026-10-01'). */
export const quarterStart = (date: string): string =>
  `${date.slice(0, 4)}-${String(Math.floor((Number(date.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

export interface DashboardTargets {
  periodFrom: string;
  asOf: string;
  sections: PlanTargetSection[];
}

/**
 * The dashboard's plan targets (计划目标): the window from the first of the month (or quarter) of `asOf`
 * to the end of `asOf` (now, for today), computed by SupervisionFacade.planTargets — the same computation a
 * monthly (quarterly) report stores, so the report of a period equals the dashboard for its last day.
 */
@Injectable()
export class DashboardTargetsService {
  constructor(
    private readonly supervision: SupervisionFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async targets(asOf: string, span: DashboardTargetSpan): Promise<DashboardTargets> {
    checkDate('asOf', asOf);
    const today = businessToday(this.clock, this.config.timeZone);
    if (asOf > today)
      throw new ValidationFailed([
        { path: 'asOf', message: text(`asOf may not be after today (${today})`, `asOf 不能晚于今天（${today}）`) },
      ]);
    const periodFrom = span === DashboardTargetSpan.QUARTER ? quarterStart(asOf) : monthStart(asOf);
    const end = localToInstant(addDays(asOf, 1), '00:00', this.config.timeZone);
    const now = this.clock.now();
    const sections = await this.supervision.planTargets({
      from: localToInstant(periodFrom, '00:00', this.config.timeZone),
      to: end < now ? end : now,
    });
    return { periodFrom, asOf, sections };
  }
}
