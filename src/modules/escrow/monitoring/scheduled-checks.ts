import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { PolicyFacade } from '../../policy';
import { addDays, businessDate, toLocal } from '../../../platform/clock/business-time';
import { ScheduledTask, ScheduledTaskHandler } from '../../../platform/events';
import { RegistryFacade } from '../../registry';
import { EscrowInstructionService } from '../escrow-instruction.service';
import { coveredInstitutions } from '../risk-reserve.service';
import { AlertDraft, AlertWriter } from './alert-writer';
import { expectedStatementDate, noEscrowAccount, staleReport } from './rules';

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
    const expected = expectedStatementDate(toLocal(now, this.config.timeZone), await this.policy.value('escrow.statement_due_hour', now), addDays);
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
        const v = staleReport({ status: a.status, openedOn: a.opened_on, lastStatementDate: a.last_statement_date, expectedDate: expected });
        if (v.holds && !a.open_alert) {
          raise.push({ type: 'STALE_REPORT', accountId: a.id, accountNo: a.account_no, bankCode: a.bank_code, institutionId: a.institution_id, townshipCode: a.township_code, details: v.details });
        } else if (!v.holds && a.open_alert) {
          resolve.push(a.open_alert);
        }
      }
      return this.writer.apply(em, now, raise, resolve);
    });
  }
}

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
      const withAccount = new Set((await coveredInstitutions(em, operating, businessDate(now, this.config.timeZone))).keys());
      const open: { id: string; institution_id: string }[] = await em.query(
        `SELECT id, institution_id FROM escrow_alert WHERE type = 'NO_ESCROW_ACCOUNT' AND account_id IS NULL AND status <> 'RESOLVED'`,
      );
      const operatingSet = new Set(operating);
      const openBy = new Map(open.map((o) => [o.institution_id, o.id]));
      const missing = operating.filter((id) => noEscrowAccount({ operating: true, hasAccount: withAccount.has(id) }).holds && !openBy.has(id));
      const raise: AlertDraft[] = missing.map((id) => ({
        type: 'NO_ESCROW_ACCOUNT',
        accountId: null,
        accountNo: null,
        bankCode: null,
        institutionId: id,
        townshipCode: summaries.get(id)?.townshipCode ?? null,
        details: { institutionName: summaries.get(id)?.name ?? null, creditCode: summaries.get(id)?.creditCode ?? null },
      }));
      const resolve = open.filter((o) => !noEscrowAccount({ operating: operatingSet.has(o.institution_id), hasAccount: withAccount.has(o.institution_id) }).holds).map((o) => o.id);
      return this.writer.apply(em, now, raise, resolve);
    });
  }
}

/** Escalates instructions banks have not acknowledged within escrow.instruction_ack_hours. */
@Injectable()
@ScheduledTask('escrow.instruction-escalation')
export class InstructionEscalation implements ScheduledTaskHandler {
  constructor(private readonly instructions: EscrowInstructionService) {}

  schedule() {
    return { every: 5 * 60_000 };
  }

  run(now: Date): Promise<number> {
    return this.instructions.escalateOverdue(now);
  }
}
