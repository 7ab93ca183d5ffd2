import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { InstitutionAdminService } from '../institution-admin.service';

/** An institution deregistered (注销) or whose licence is revoked (吊销) has no administrators any more. */
@Injectable()
export class InstitutionClosedSubscriber {
  constructor(private readonly admins: InstitutionAdminService) {}

  @OnEvent('registry.institution.deregistered', { name: 'identity.disable-admins-of-deregistered' })
  async deregistered(event: DomainEvent<'registry.institution.deregistered'>, em: EntityManager): Promise<void> {
    await this.admins.disableAdminsOf(em, event.payload.institutionId, {
      event: event.name,
      toStatus: event.payload.toStatus,
      reason: event.payload.reason,
    });
  }

  @OnEvent('registry.institution.revoked', { name: 'identity.disable-admins-of-revoked' })
  async revoked(event: DomainEvent<'registry.institution.revoked'>, em: EntityManager): Promise<void> {
    await this.admins.disableAdminsOf(em, event.payload.institutionId, {
      event: event.name,
      toStatus: event.payload.toStatus,
      reason: event.payload.reason,
    });
  }
}
