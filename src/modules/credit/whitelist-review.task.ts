import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemPrincipal } from '../../platform/auth/principal';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { safeError } from '../../platform/logging/safe-error';
import { NotificationsFacade } from '../notifications';
import { RegistryFacade } from '../registry';
import { CreditEntryService } from './credit-entry.service';
import { CreditQueries } from './credit.queries';
import { CreditListKind } from './entities/credit-entry.entity';
import { WhitelistEligibilityService } from './whitelist-eligibility.service';

/**
 * Weekly whitelist review (Monday 06:00 business time): proposes every eligible operating institution that
 * has no list entry (as the service; an approver still decides), and tells EDU about whitelisted ones that
 * no longer qualify.
 */
@Injectable()
@ScheduledTask('credit.whitelist-review')
export class WhitelistReviewTask implements ScheduledTaskHandler {
  private readonly logger = new Logger('WhitelistReview');
  private readonly actor = systemPrincipal('credit.whitelist-review');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryFacade,
    private readonly eligibility: WhitelistEligibilityService,
    private readonly entries: CreditEntryService,
    private readonly queries: CreditQueries,
    private readonly notifications: NotificationsFacade,
  ) {}

  schedule() {
    return { pattern: '0 6 * * 1' };
  }

  async run(now: Date): Promise<{ proposed: number; flagged: number }> {
    const operating = await this.registry.listOperatingInstitutionIds();
    const { whitelisted, listed } = await this.queries.whitelistReviewState();
    let proposed = 0;
    for (let i = 0; i < operating.length; i += 500) {
      const batch = operating.slice(i, i + 500).filter((id) => !listed.has(id));
      const summaries = new Map((await this.registry.getInstitutions(batch)).map((s) => [s.id, s]));
      for (const check of await this.eligibility.evaluate(batch, now)) {
        const institution = summaries.get(check.institutionId);
        if (!check.eligible || !institution) continue;
        try {
          await this.dataSource.transaction((em) =>
            this.entries.proposeIn(em, this.actor, institution, {
              institutionId: institution.id,
              kind: CreditListKind.WHITE,
              reasonCode: 'COMPLIANT_OPERATION',
              reason: '系统计算符合白名单条件: 正常经营、年检合格、资金监管合规、考察期内无违规记录',
            }),
          );
          proposed++;
        } catch (e) {
          this.logger.warn({ msg: `whitelist proposal for ${institution.id} skipped`, err: safeError(e) });
        }
      }
    }
    const checks = new Map(
      (
        await this.eligibility.evaluate(
          whitelisted.map((w) => w.institutionId),
          now,
        )
      ).map((c) => [c.institutionId, c]),
    );
    let flagged = 0;
    for (const w of whitelisted) {
      const check = checks.get(w.institutionId);
      if (!check || check.eligible) continue;
      await this.dataSource.transaction((em) =>
        this.notifications.notify(
          em,
          { departmentCodes: ['EDU'] },
          {
            kind: 'credit.whitelist.no_longer_eligible',
            title: `白名单机构不再符合条件: ${w.name}`,
            body: `${w.name} no longer qualifies for the white list: ${check.reasonTexts.map((r) => r.en).join('; ')}. Consider proposing its removal.`,
            entityType: 'credit_entry',
            entityId: w.id,
          },
        ),
      );
      flagged++;
    }
    return { proposed, flagged };
  }
}
