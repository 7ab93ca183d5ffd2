import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';

/**
 * Credit's own projection of escrow alerts, accounts and risk reserves (event-carried state): whitelist eligibility and
 * the unresolved-alert deadline read it, never escrow's tables.
 */
@Injectable()
export class EscrowProjectionSubscriber {
  @OnEvent('escrow.alert.raised', { name: 'credit.project-alert-raised' })
  async onRaised(event: DomainEvent<'escrow.alert.raised'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `INSERT INTO credit_escrow_alert (alert_id, institution_id, account_id, type, raised_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (alert_id) DO NOTHING`,
      [p.alertId, p.institutionId, p.accountId, p.type, event.occurredAt],
    );
  }

  @OnEvent('escrow.alert.resolved', { name: 'credit.project-alert-resolved' })
  async onResolved(event: DomainEvent<'escrow.alert.resolved'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    // A resolution may be delivered before the raise (separate jobs): keep it, the raise then does nothing.
    await em.query(
      `INSERT INTO credit_escrow_alert (alert_id, institution_id, account_id, type, raised_at, resolved_at) VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (alert_id) DO UPDATE SET resolved_at = EXCLUDED.resolved_at`,
      [p.alertId, p.institutionId, p.accountId, p.type, event.occurredAt],
    );
  }

  @OnEvent('escrow.account.opened', { name: 'credit.project-account-opened' })
  onOpened(event: DomainEvent<'escrow.account.opened'>, em: EntityManager): Promise<void> {
    return this.project(event, em);
  }

  @OnEvent('escrow.account.frozen', { name: 'credit.project-account-frozen' })
  onFrozen(event: DomainEvent<'escrow.account.frozen'>, em: EntityManager): Promise<void> {
    return this.project(event, em);
  }

  @OnEvent('escrow.account.unfrozen', { name: 'credit.project-account-unfrozen' })
  onUnfrozen(event: DomainEvent<'escrow.account.unfrozen'>, em: EntityManager): Promise<void> {
    return this.project(event, em);
  }

  @OnEvent('escrow.account.closed', { name: 'credit.project-account-closed' })
  onClosed(event: DomainEvent<'escrow.account.closed'>, em: EntityManager): Promise<void> {
    return this.project(event, em);
  }

  @OnEvent('escrow.risk_reserve.registered', { name: 'credit.project-risk-reserve-registered' })
  onReserveRegistered(event: DomainEvent<'escrow.risk_reserve.registered'>, em: EntityManager): Promise<void> {
    return this.projectReserve(event, em);
  }

  @OnEvent('escrow.risk_reserve.released', { name: 'credit.project-risk-reserve-released' })
  onReserveReleased(event: DomainEvent<'escrow.risk_reserve.released'>, em: EntityManager): Promise<void> {
    return this.projectReserve(event, em);
  }

  /** A risk reserve (风险保证金), the other supervision route; last writer by event time wins. */
  private async projectReserve(
    event: DomainEvent<'escrow.risk_reserve.registered' | 'escrow.risk_reserve.released'>,
    em: EntityManager,
  ): Promise<void> {
    const p = event.payload;
    await em.query(
      `INSERT INTO credit_risk_reserve (reserve_id, institution_id, status, valid_until, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (reserve_id) DO UPDATE SET status = EXCLUDED.status, valid_until = EXCLUDED.valid_until, updated_at = EXCLUDED.updated_at
       WHERE credit_risk_reserve.updated_at <= EXCLUDED.updated_at`,
      [p.reserveId, p.institutionId, p.status, p.validUntil, event.occurredAt],
    );
  }

  /** Last writer by event time wins, so out-of-order deliveries settle on the latest status. */
  private async project(
    event: DomainEvent<
      'escrow.account.opened' | 'escrow.account.frozen' | 'escrow.account.unfrozen' | 'escrow.account.closed'
    >,
    em: EntityManager,
  ): Promise<void> {
    const p = event.payload;
    await em.query(
      `INSERT INTO credit_escrow_account (account_id, institution_id, status, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id) DO UPDATE SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
       WHERE credit_escrow_account.updated_at <= EXCLUDED.updated_at`,
      [p.accountId, p.institutionId, p.status, event.occurredAt],
    );
  }
}
