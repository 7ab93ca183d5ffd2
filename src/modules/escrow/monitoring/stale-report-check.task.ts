import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { PolicyFacade } from '../../policy';
import { addDays, toLocal } from '../../../platform/clock/business-time';
import { ScheduledTask, ScheduledTaskHandler } from '../../../platform/events';
import { AlertDraft, AlertWriter } from './alert-writer';
import { expectedStatementDate, staleReport } from './rules';

/** STALE_REPORT: every 15 minutes, active accounts without the statement due by escrow.statement_due_hour. */
@Injectable()
@ScheduledTask('escrow.stale-report-check')
export class StaleReportCheck implements ScheduledTaskHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AlertWriter,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schedule() {
    return { every: 15 * 60_000 };
  }

  async run(now: Date): Promise<{ raised: number; resolved: number }> {
    const expected = expectedStatementDate(
      toLocal(now, this.config.timeZone),
      await this.policy.value('escrow.statement_due_hour', now),
      addDays,
    );
    return this.dataSource.transaction(async (em) => {
      // Candidates: accounts that may be stale now, and accounts with an open STALE_REPORT alert.
      const rows: {
        id: string;
        institution_id: string;
        bank_code: string;
        account_no: string;
        township_code: string | null;
        status: string;
        opened_on: string;
        last_statement_date: string | null;
        open_alert: string | null;
      }[] = await em.query(
        `SELECT a.id, a.institution_id, a.bank_code, a.account_no, a.township_code, a.status, a.opened_on::text, a.last_statement_date::text, al.id AS open_alert
         FROM escrow_account a
         LEFT JOIN escrow_alert al ON al.account_id = a.id AND al.type = 'STALE_REPORT' AND al.status <> 'RESOLVED'
         WHERE (a.status = 'ACTIVE' AND a.opened_on <= $1 AND (a.last_statement_date IS NULL OR a.last_statement_date < $1)) OR al.id IS NOT NULL
         FOR UPDATE OF a SKIP LOCKED`,
        [expected],
      );
      const raise: AlertDraft[] = [];
      const resolve: string[] = [];
      for (const a of rows) {
        const v = staleReport({
          status: a.status,
          openedOn: a.opened_on,
          lastStatementDate: a.last_statement_date,
          expectedDate: expected,
        });
        if (v.holds && !a.open_alert) {
          raise.push({
            type: 'STALE_REPORT',
            accountId: a.id,
            accountNo: a.account_no,
            bankCode: a.bank_code,
            institutionId: a.institution_id,
            townshipCode: a.township_code,
            details: v.details,
          });
        } else if (!v.holds && a.open_alert) {
          resolve.push(a.open_alert);
        }
      }
      return this.writer.apply(em, now, raise, resolve);
    });
  }
}
