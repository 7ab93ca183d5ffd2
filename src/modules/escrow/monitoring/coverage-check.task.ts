import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { businessDate } from '../../../platform/clock/business-time';
import { ScheduledTask, ScheduledTaskHandler } from '../../../platform/events';
import { RegistryFacade } from '../../registry';
import { coveredInstitutions } from '../risk-reserve.service';
import { AlertDraft, AlertWriter } from './alert-writer';
import { noEscrowAccount } from './rules';

/**
 * NO_ESCROW_ACCOUNT: every 15 minutes, operating institutions (RegistryFacade) covered by neither route of
 * 教监管函〔2021〕2号: no escrow account in use and no ACTIVE risk reserve valid today (an expired reserve
 * covers nothing).
 */
@Injectable()
@ScheduledTask('escrow.coverage-check')
export class CoverageCheck implements ScheduledTaskHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AlertWriter,
    private readonly registry: RegistryFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schedule() {
    return { every: 15 * 60_000 };
  }

  async run(now: Date): Promise<{ raised: number; resolved: number }> {
    // Registry reads happen before the transaction, so it never waits for a second pooled connection.
    const operating = await this.registry.listOperatingInstitutionIds();
    const summaries = new Map((await this.registry.getInstitutions(operating)).map((s) => [s.id, s]));
    return this.dataSource.transaction(async (em) => {
      // "Has an account" in the rule's terms: covered by an account in use or a reserve valid today.
      const withAccount = new Set(
        (await coveredInstitutions(em, operating, businessDate(now, this.config.timeZone))).keys(),
      );
      const open: { id: string; institution_id: string }[] = await em.query(
        `SELECT id, institution_id FROM escrow_alert WHERE type = 'NO_ESCROW_ACCOUNT' AND account_id IS NULL AND status <> 'RESOLVED'`,
      );
      const operatingSet = new Set(operating);
      const openBy = new Map(open.map((o) => [o.institution_id, o.id]));
      const missing = operating.filter(
        (id) => noEscrowAccount({ operating: true, hasAccount: withAccount.has(id) }).holds && !openBy.has(id),
      );
      const raise: AlertDraft[] = missing.map((id) => ({
        type: 'NO_ESCROW_ACCOUNT',
        accountId: null,
        accountNo: null,
        bankCode: null,
        institutionId: id,
        townshipCode: summaries.get(id)?.townshipCode ?? null,
        details: {
          institutionName: summaries.get(id)?.name ?? null,
          creditCode: summaries.get(id)?.creditCode ?? null,
        },
      }));
      const resolve = open
        .filter(
          (o) =>
            !noEscrowAccount({
              operating: operatingSet.has(o.institution_id),
              hasAccount: withAccount.has(o.institution_id),
            }).holds,
        )
        .map((o) => o.id);
      return this.writer.apply(em, now, raise, resolve);
    });
  }
}
