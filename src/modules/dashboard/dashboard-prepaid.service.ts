import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { addDays, localToInstant } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { formatMoney } from '../../platform/database/money';
import { CustodyFigures, PrepaidFacade } from '../prepaid';
import { RegistryFacade } from '../registry';
import { rate } from './dashboard-period';
import type { PrepaidCustodyObject, PrepaidSectionObject } from './graphql/dashboard-prepaid.objects';

const money = (c: CustodyFigures): PrepaidCustodyObject => ({
  contractsActive: c.contractsActive,
  custody: formatMoney(c.custodyFen),
  unconsumed: formatMoney(c.unconsumedFen),
  gap: formatMoney(c.gapFen),
});

/**
 * The dashboard's prepaid section (预付费 一课一消), read through PrepaidFacade for a dashboard already
 * scoped (its township is the one the caller may see). Period figures run from the first of asOf's month to
 * the end of asOf (or now), as the complaints figures do.
 */
@Injectable()
export class DashboardPrepaidService {
  constructor(
    private readonly prepaid: PrepaidFacade,
    private readonly registry: RegistryFacade,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async section(dashboard: {
    townshipCode: string | null;
    periodFrom: string;
    asOf: string;
  }): Promise<PrepaidSectionObject> {
    const tz = this.config.timeZone;
    const end = localToInstant(addDays(dashboard.asOf, 1), '00:00', tz);
    const now = this.clock.now();
    const f = await this.prepaid.dashboardFigures({
      townshipCode: dashboard.townshipCode ?? undefined,
      from: localToInstant(dashboard.periodFrom, '00:00', tz),
      to: end < now ? end : now,
    });
    const names = new Map(
      (await this.registry.getInstitutions(f.topInstitutionsByGap.map((i) => i.institutionId))).map((i) => [
        i.id,
        i.name,
      ]),
    );
    const confirmed = f.lessonsConfirmed.reduce((n, l) => n + l.lessons, 0);
    return {
      total: money(f),
      byTownship: f.byTownship.map((t) => ({ townshipCode: t.townshipCode, ...money(t) })),
      topInstitutionsByGap: f.topInstitutionsByGap.map((i) => ({
        institutionId: i.institutionId,
        name: names.get(i.institutionId) ?? null,
        townshipCode: i.townshipCode,
        ...money(i),
      })),
      lessonsConfirmed: f.lessonsConfirmed.map((l) => ({ ...l, share: rate(l.lessons, confirmed) })),
      refundsByStatus: f.refundsByStatus.map((r) => ({
        status: r.status,
        count: r.count,
        amount: formatMoney(r.amountFen),
      })),
      refundsExecuted: f.refundsExecutedInPeriod,
      refundMedianWorkingDays: f.refundMedianWorkingDays,
      openAlerts: f.openAlerts,
      exitRefundsOpen: f.exitRefundsOpen.map((e) => ({
        reason: e.reason,
        count: e.count,
        amount: formatMoney(e.amountFen),
      })),
    };
  }
}
