import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemPrincipal } from '../../platform/auth/principal';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { RegistryFacade } from '../registry';
import { CreditEntryService } from './credit-entry.service';
import { CreditRecordService } from './credit-record.service';
import { CreditListKind } from './entities/credit-entry.entity';
import { CreditRecordKind, CreditRecordSource, CreditSeverity } from './entities/credit-record.entity';
import { COMPLIANCE_ALERT_TYPES, WhitelistEligibilityService } from './whitelist-eligibility.service';

/**
 * An escrow SHORTFALL (or NO_ESCROW_ACCOUNT) alert still open credit.escrow_alert_deadline_days (a county rule) after it
 * was raised becomes one violation record (source reference = the alert id), hourly.
 */
@Injectable()
@ScheduledTask('credit.escrow-alert-deadline')
export class EscrowAlertDeadlineTask implements ScheduledTaskHandler {
  private readonly actor = systemPrincipal('credit.escrow-alert-deadline');

  constructor(
    private readonly dataSource: DataSource,
    private readonly records: CreditRecordService,
    private readonly policy: PolicyFacade,
  ) {}

  schedule() {
    return { every: 3600 * 1000 };
  }

  async run(now: Date): Promise<number> {
    const deadlineDays = await this.policy.value('credit.escrow_alert_deadline_days', now);
    return this.dataSource.transaction(async (em) => {
      const due = (await em.query(
        `SELECT alert_id, institution_id, account_id, type, raised_at FROM credit_escrow_alert
         WHERE resolved_at IS NULL AND deadline_handled_at IS NULL AND type = ANY($1) AND raised_at <= $2::timestamptz - make_interval(days => $3)
         ORDER BY raised_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [COMPLIANCE_ALERT_TYPES, now, deadlineDays],
      )) as { alert_id: string; institution_id: string; account_id: string | null; type: string; raised_at: Date }[];
      let created = 0;
      for (const alert of due) {
        const record = await this.records.createIn(em, this.actor, {
          institutionId: alert.institution_id,
          kind: CreditRecordKind.VIOLATION,
          source: CreditRecordSource.ESCROW_ALERT_UNRESOLVED,
          severity: CreditSeverity.SERIOUS,
          summary: `资金监管预警逾期未处置: ${alert.type} open since ${new Date(alert.raised_at).toISOString()} (deadline ${deadlineDays} days)`,
          evidence: [{ kind: 'ESCROW_ALERT', reference: alert.alert_id, note: alert.account_id ? `account ${alert.account_id}` : null }],
          sourceReference: alert.alert_id,
        });
        // Marked even when skipped (unknown institution or recorded before), so it is looked at once.
        await em.query(`UPDATE credit_escrow_alert SET deadline_handled_at = $2, record_id = $3 WHERE alert_id = $1`, [alert.alert_id, now, record?.id ?? null]);
        if (record) created++;
      }
      return created;
    });
  }
}

/** Entries past their last day in force leave the lists (EXPIRED), every 15 minutes. */
@Injectable()
@ScheduledTask('credit.entry-expiry')
export class EntryExpiryTask implements ScheduledTaskHandler {
  constructor(private readonly entries: CreditEntryService) {}

  schedule() {
    return { every: 15 * 60 * 1000 };
  }

  run(now: Date): Promise<number> {
    return this.entries.expireDue(now);
  }
}

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
    private readonly notifications: NotificationsFacade,
  ) {}

  schedule() {
    return { pattern: '0 6 * * 1' };
  }

  async run(now: Date): Promise<{ proposed: number; flagged: number }> {
    const operating = await this.registry.listOperatingInstitutionIds();
    const whitelisted = (await this.dataSource.query(
      `SELECT id, institution_id AS "institutionId", institution_name AS name FROM credit_entry WHERE kind = 'WHITE' AND status IN ('PUBLISHED','REMOVAL_PROPOSED')`,
    )) as { id: string; institutionId: string; name: string }[];
    const listed = new Set(
      ((await this.dataSource.query(`SELECT DISTINCT institution_id AS id FROM credit_entry WHERE status IN ('PROPOSED','PUBLISHED','REMOVAL_PROPOSED')`)) as { id: string }[]).map((r) => r.id),
    );
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
          this.logger.warn(`whitelist proposal for ${institution.id} skipped: ${(e as Error).message}`);
        }
      }
    }
    const checks = new Map((await this.eligibility.evaluate(whitelisted.map((w) => w.institutionId), now)).map((c) => [c.institutionId, c]));
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
            body: `${w.name} no longer qualifies for the white list: ${check.reasons.join('; ')}. Consider proposing its removal.`,
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

export const CREDIT_TASKS = [EscrowAlertDeadlineTask, EntryExpiryTask, WhitelistReviewTask];
