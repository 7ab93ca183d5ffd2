import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { systemPrincipal } from '../../platform/auth/principal';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { PolicyFacade } from '../policy';
import { CreditRecordService } from './credit-record.service';
import { CreditRecordKind, CreditRecordSource, CreditSeverity } from './entities/credit-record.entity';
import { COMPLIANCE_ALERT_TYPES } from './whitelist-eligibility.service';

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
          evidence: [
            {
              kind: 'ESCROW_ALERT',
              reference: alert.alert_id,
              note: alert.account_id ? `account ${alert.account_id}` : null,
            },
          ],
          sourceReference: alert.alert_id,
        });
        // Marked even when skipped (unknown institution or recorded before), so it is looked at once.
        await em.query(`UPDATE credit_escrow_alert SET deadline_handled_at = $2, record_id = $3 WHERE alert_id = $1`, [
          alert.alert_id,
          now,
          record?.id ?? null,
        ]);
        if (record) created++;
      }
      return created;
    });
  }
}
