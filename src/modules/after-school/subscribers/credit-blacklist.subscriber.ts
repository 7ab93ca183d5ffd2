import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { PlanService } from '../plan.service';

/** A blacklisted institution (黑名单) leaves every after-school plan at once; the schools are told. */
@Injectable()
export class CreditBlacklistSubscriber {
  constructor(private readonly plans: PlanService) {}

  @OnEvent('credit.blacklist.published', { name: 'after_school.remove-blacklisted-institution' })
  async onBlacklisted(event: DomainEvent<'credit.blacklist.published'>, em: EntityManager): Promise<void> {
    await this.plans.removeInstitutionFromPlans(em, event.payload.institutionId, `列入黑名单：${event.payload.reason}`);
  }
}
