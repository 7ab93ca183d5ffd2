import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { LeadService } from '../lead.service';

/** An unlicensed-training complaint opens an unlicensed lead (source COMPLAINT) in the complaint's township. */
@Injectable()
export class ComplaintLeadSubscriber {
  constructor(private readonly leads: LeadService) {}

  @OnEvent('complaints.unlicensed_training.reported', { name: 'registry.open-lead-from-complaint' })
  async open(event: DomainEvent<'complaints.unlicensed_training.reported'>, em: EntityManager): Promise<void> {
    await this.leads.openFromComplaint(em, event.payload);
  }
}
