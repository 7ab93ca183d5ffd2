import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { RefundPaymentService } from '../refund-payment.service';
import { ReleaseService } from '../release.service';

/**
 * A bank's answer to a payment instruction (escrow.instruction.acknowledged). EXECUTED needs nothing here:
 * the money arrives as the bank's RELEASE or REFUND transaction. REFUSED gives a release's amount back to
 * releasable, and puts a refund back to APPROVED (with the bank's note) for the sweep to instruct again.
 */
@Injectable()
export class InstructionOutcomeSubscriber {
  constructor(
    private readonly releases: ReleaseService,
    private readonly refunds: RefundPaymentService,
  ) {}

  @OnEvent('escrow.instruction.acknowledged', { name: 'prepaid.instruction-refused' })
  async onAcknowledged(event: DomainEvent<'escrow.instruction.acknowledged'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    if (p.outcome !== 'REFUSED') return;
    if (p.action === 'RELEASE') await this.releases.onRefused(em, p.instructionId, p.note ?? null);
    else if (p.action === 'REFUND') await this.refunds.onRefused(em, p.instructionId, p.note ?? null);
  }
}
