import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { EscalationService } from '../escalation.service';

/** Overdue complaints join the escalation ladder (notified like a task at the level their lateness deserves). */
@Injectable()
export class ComplaintOverdueSubscriber {
  constructor(private readonly escalation: EscalationService) {}

  @OnEvent('complaints.complaint.overdue', { name: 'supervision.escalate-overdue-complaint' })
  async onOverdue(event: DomainEvent<'complaints.complaint.overdue'>, em: EntityManager): Promise<void> {
    await this.escalation.complaintOverdue(em, event.payload);
  }
}
