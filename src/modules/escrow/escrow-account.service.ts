import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { UUID } from '../../platform/ids/uuid';
import { bankNotFound } from '../identity';
import { RegistryFacade, institutionNotFound } from '../registry';
import { assertManager } from './escrow.access';
import {
  accountClosed,
  accountExists,
  accountFrozen,
  accountNotFound,
  alertNotFound,
  alertResolved,
  custodyOutstanding,
  institutionNotOperating,
  instructionPending,
} from './escrow.errors';
import { EscrowQueries } from './escrow.queries';
import { EscrowAccount } from './entities/escrow-account.entity';
import { EscrowAlert } from './entities/escrow-alert.entity';
import { AlertWriter } from './monitoring/alert-writer';
import { ACCOUNT_NO_PATTERN } from './rest/bank-items';
import { ACCOUNT_NO_FORMAT } from '../../platform/i18n/field-texts';

/** Escrow accounts (监管账户) and their alerts: opening, closing, acknowledging. Reads: EscrowAccountReadService. */
@Injectable()
export class EscrowAccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: EscrowQueries,
    private readonly registry: RegistryFacade,
    private readonly writer: AlertWriter,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(
    actor: Principal,
    input: { institutionId: string; bankCode: string; accountNo: string },
  ): Promise<EscrowAccount> {
    assertManager(actor);
    const accountNo = input.accountNo.trim();
    if (!ACCOUNT_NO_PATTERN.test(accountNo))
      throw new ValidationFailed([{ path: 'accountNo', message: ACCOUNT_NO_FORMAT }]);
    const institution = await this.registry.findInstitution({ id: input.institutionId });
    if (!institution) throw institutionNotFound(input.institutionId);
    if (institution.status !== 'OPERATING' && institution.status !== 'APPROVED')
      throw institutionNotOperating(institution.status);
    const now = this.clock.now();
    try {
      return await this.dataSource.transaction(async (em) => {
        const account = await em.save(
          em.create(EscrowAccount, {
            institutionId: institution.id,
            bankCode: input.bankCode,
            accountNo,
            status: 'ACTIVE',
            townshipCode: institution.townshipCode,
            institutionCategory: institution.category,
            openedOn: businessDate(now, this.config.timeZone),
            requiredCustodyFen: 0n,
            lastStatementDate: null,
            openedAt: now,
            closedAt: null,
            updatedAt: now,
          }),
        );
        await this.writer.resolveNoAccount(em, now, institution.id);
        await this.events.publish(em, 'escrow.account.opened', accountPayload(account));
        await this.audit.record(em, {
          actor,
          action: 'escrow.account.opened',
          entityType: 'escrow_account',
          entityId: account.id,
          summary: { institutionId: institution.id, bankCode: input.bankCode, accountNo },
        });
        return account;
      });
    } catch (error) {
      const code =
        (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
        (error as { code?: string }).code;
      if (code === '23505') throw accountExists();
      if (code === '23503') throw bankNotFound(input.bankCode);
      throw error;
    }
  }

  async close(actor: Principal, id: string, reason: string): Promise<EscrowAccount> {
    assertManager(actor);
    if (!UUID.test(id)) throw accountNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const account = await this.queries.lockAccount(em, id);
      if (!account) throw accountNotFound(id);
      if (account.status === 'CLOSED') throw accountClosed();
      await this.assertClosable(em, account);
      const now = this.clock.now();
      account.status = 'CLOSED';
      account.closedAt = now;
      account.updatedAt = now;
      await em.save(account);
      await this.writer.apply(em, now, [], await this.queries.unresolvedAlertIds(em, id));
      await this.events.publish(em, 'escrow.account.closed', accountPayload(account));
      await this.audit.record(em, {
        actor,
        action: 'escrow.account.closed',
        entityType: 'escrow_account',
        entityId: id,
        summary: { reason },
      });
      return account;
    });
  }

  /**
   * Closing ends supervision (a closed account takes no statements, transactions or instructions) and
   * resolves the account's alerts, so it is refused while the account is still under a supervisory
   * measure or still holds money. Runs on the locked row inside the closing transaction, before any write.
   */
  private async assertClosable(em: EntityManager, account: EscrowAccount): Promise<void> {
    // A frozen account (e.g. the institution was black-listed) is unfrozen first through an UNFREEZE
    // instruction the bank executes; closing it would let the frozen money out of supervision.
    if (account.status === 'FROZEN') throw accountFrozen();
    // A FREEZE (or UNFREEZE) the bank has not acknowledged yet: the bank would act on an account the
    // service no longer supervises. The account is closable once the bank answers.
    if (await this.queries.hasPendingInstruction(em, account.id)) throw instructionPending();
    // Both figures block, each for its own reason:
    // - required custody > 0: prepaid fees of families not yet consumed or refunded are still owed to them;
    //   closing would also resolve an open SHORTFALL alert and hide that the money is missing.
    // - latest reported balance > 0 (even with custody <= 0): money still sits in the supervised account.
    //   Once closed, the bank can report neither a statement nor a transaction for it, so whatever is paid
    //   out on closure (to the institution, or deposits the ledger never saw) would leave unrecorded. The
    //   bank releases it as a reported RELEASE and posts a statement closing at 0.00 first.
    // An account that never had a statement has no reported balance; required custody alone decides.
    if (account.requiredCustodyFen > 0n)
      throw custodyOutstanding('required custody', formatMoney(account.requiredCustodyFen));
    const latest = await this.queries.latestClosingFen(em, account.id);
    if (latest !== null && latest > 0n) throw custodyOutstanding('latest reported balance', formatMoney(latest));
  }

  async acknowledgeAlert(actor: Principal, id: string, note: string | null): Promise<EscrowAlert> {
    assertManager(actor);
    if (!UUID.test(id)) throw alertNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const alert = await this.queries.lockAlert(em, actor, id);
      if (!alert) throw alertNotFound(id);
      if (alert.status === 'RESOLVED') throw alertResolved();
      alert.status = 'ACKNOWLEDGED';
      alert.acknowledgedAt = this.clock.now();
      alert.acknowledgedBy = actorName(actor);
      alert.acknowledgeNote = note;
      await em.save(alert);
      await this.audit.record(em, {
        actor,
        action: 'escrow.alert.acknowledged',
        entityType: 'escrow_alert',
        entityId: id,
        summary: { type: alert.type, note },
      });
      await this.events.publish(em, 'escrow.alert.acknowledged', {
        alertId: alert.id,
        accountId: alert.accountId,
        accountNo: alert.accountNo,
        institutionId: alert.institutionId,
        bankCode: alert.bankCode,
        type: alert.type,
        details: alert.details,
      });
      return alert;
    });
  }
}

export function accountPayload(a: EscrowAccount) {
  return {
    accountId: a.id,
    accountNo: a.accountNo,
    institutionId: a.institutionId,
    bankCode: a.bankCode,
    status: a.status,
  };
}
