import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InstitutionRemoval, PlanService } from './plan.service';

/**
 * What other modules may ask of after-school. The credit module's `credit.blacklist.published`
 * subscriber calls `removeInstitutionFromPlans` in its own transaction.
 */
@Injectable()
export class AfterSchoolFacade {
  constructor(private readonly plans: PlanService) {}

  /** Takes a (blacklisted) institution off every plan, notifies the schools; idempotent. */
  removeInstitutionFromPlans(em: EntityManager, institutionId: string, reason: string): Promise<InstitutionRemoval> {
    return this.plans.removeInstitutionFromPlans(em, institutionId, reason);
  }
}
