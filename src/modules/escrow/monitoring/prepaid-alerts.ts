import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../../../platform/clock/clock';
import { ValidationFailed } from '../../../platform/errors/domain-error';
import { UUID } from '../../../platform/ids/uuid';
import { AlertWriter } from './alert-writer';
import { PREPAID_ALERT_TYPES, PrepaidAlertType } from './rules';
import { oneOf } from '../../../platform/i18n/field-texts';

export interface PrepaidAlertInput {
  institutionId: string;
  type: PrepaidAlertType;
  details: Record<string, unknown>;
  /** What the alert is about (a refund id, a bank txnId): one open alert per subject; omitted = one per account and type. */
  subjectRef?: string | null;
  /** The account concerned (a bank RELEASE's); by default the institution's account in use. */
  accountId?: string | null;
  /** Where the institution has no account in use (a risk-reserve contract's refund): the institution's township. */
  townshipCode?: string | null;
}

/**
 * Alerts the prepaid module raises (RELEASE_OVER_RELEASABLE, DEPOSIT_UNMATCHED, REFUND_OVERDUE) through the
 * one alert writer, so they publish escrow.alert.raised like every other alert (supervision opens its
 * follow-up task, credit projects it). Against the institution's account in use; REFUND_OVERDUE and
 * DEPOSIT_UNMATCHED stand against the institution when it has none.
 */
@Injectable()
export class PrepaidAlerts {
  constructor(
    private readonly writer: AlertWriter,
    private readonly clock: Clock,
  ) {}

  async raise(em: EntityManager, input: PrepaidAlertInput): Promise<{ raised: boolean }> {
    if (!PREPAID_ALERT_TYPES.includes(input.type) || !UUID.test(input.institutionId))
      throw new ValidationFailed([{ path: 'type', message: oneOf(PREPAID_ALERT_TYPES) }]);
    const account = await this.account(em, input.institutionId, input.accountId ?? null);
    if (!account && input.type === 'RELEASE_OVER_RELEASABLE') return { raised: false };
    const { raised } = await this.writer.apply(
      em,
      this.clock.now(),
      [
        {
          type: input.type,
          subjectRef: input.subjectRef ?? null,
          accountId: account?.id ?? null,
          accountNo: account?.account_no ?? null,
          bankCode: account?.bank_code ?? null,
          institutionId: input.institutionId,
          townshipCode: account?.township_code ?? input.townshipCode ?? null,
          details: input.details,
        },
      ],
      [],
    );
    return { raised: raised > 0 };
  }

  /** Resolves the open prepaid alert of that type about that subject (the refund executed, the deposit matched). */
  async resolve(
    em: EntityManager,
    input: { institutionId: string; type: PrepaidAlertType; subjectRef: string | null },
  ): Promise<{ resolved: boolean }> {
    const open: { id: string }[] = await em.query(
      `SELECT id FROM escrow_alert WHERE institution_id = $1 AND type = $2 AND coalesce(subject_ref, '') = coalesce($3, '') AND status <> 'RESOLVED'`,
      [input.institutionId, input.type, input.subjectRef],
    );
    const { resolved } = await this.writer.apply(
      em,
      this.clock.now(),
      [],
      open.map((o) => o.id),
    );
    return { resolved: resolved > 0 };
  }

  private async account(
    em: EntityManager,
    institutionId: string,
    accountId: string | null,
  ): Promise<{ id: string; account_no: string; bank_code: string; township_code: string } | null> {
    const rows: { id: string; account_no: string; bank_code: string; township_code: string }[] = await em.query(
      accountId && UUID.test(accountId)
        ? `SELECT id, account_no, bank_code, township_code FROM escrow_account WHERE id = $2 AND institution_id = $1`
        : `SELECT id, account_no, bank_code, township_code FROM escrow_account WHERE institution_id = $1 AND status <> 'CLOSED'`,
      accountId && UUID.test(accountId) ? [institutionId, accountId] : [institutionId],
    );
    return rows[0] ?? null;
  }
}
