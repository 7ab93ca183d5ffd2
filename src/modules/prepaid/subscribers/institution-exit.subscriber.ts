import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { RefundService } from '../refund.service';

/**
 * An institution deregistered, revoked or black-listed: every active contract's unconsumed value becomes
 * an approved refund case (the institution cannot be asked), instructed where the deposit was matched.
 */
@Injectable()
export class InstitutionExitSubscriber {
  constructor(private readonly refunds: RefundService) {}

  @OnEvent('registry.institution.deregistered', { name: 'prepaid.refund-on-deregistration' })
  async onDeregistered(event: DomainEvent<'registry.institution.deregistered'>, em: EntityManager): Promise<void> {
    await this.refunds.openForExit(em, event.payload.institutionId, 'DEREGISTERED');
  }

  @OnEvent('registry.institution.revoked', { name: 'prepaid.refund-on-revocation' })
  async onRevoked(event: DomainEvent<'registry.institution.revoked'>, em: EntityManager): Promise<void> {
    await this.refunds.openForExit(em, event.payload.institutionId, 'REVOKED');
  }

  @OnEvent('credit.blacklist.published', { name: 'prepaid.refund-on-blacklist' })
  async onBlacklisted(event: DomainEvent<'credit.blacklist.published'>, em: EntityManager): Promise<void> {
    await this.refunds.openForExit(em, event.payload.institutionId, 'BLACKLISTED');
  }
}
