import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { CheckStatus, Premises } from './entities/premises.entity';
import { RecordChanges } from './record-changes';
import { PremisesCheck, PremisesInput } from './records.types';
import { DUTY_OF_CHECK } from './registry.access';
import { fireDesignReviewRequired, premisesNotFound } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { text } from '../../platform/i18n/text';

/**
 * An institution's premises (办学场所) and their checks. Commands need a licensing officer, except that
 * the department holding a check's duty records that check (see registry.access.ts).
 */
@Injectable()
export class PremisesService {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly changes: RecordChanges,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Premises of institutions already scoped by the caller. */
  premisesOf(ids: readonly string[]): Promise<Premises[]> {
    return this.queries.premisesOf(ids);
  }

  async addPremises(actor: Principal, institutionId: string, input: PremisesInput): Promise<Premises> {
    return this.changes.change(actor, institutionId, async (em, i) => {
      const now = this.clock.now();
      const p = em.getRepository(Premises).create({
        institutionId: i.id,
        address: input.address,
        floorAreaM2: input.floorAreaM2,
        fireDesignReview: CheckStatus.PENDING,
        fireAcceptance: CheckStatus.PENDING,
        fireAcceptanceDate: null,
        fireInspection: CheckStatus.PENDING,
        fireInspectionDate: null,
        healthInspection: CheckStatus.PENDING,
        healthInspectionDate: null,
        securityGuards: input.securityGuards ?? false,
        physicalProtection: input.physicalProtection ?? false,
        technicalProtection: input.technicalProtection ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await em.getRepository(Premises).insert(p);
      await this.audit.record(em, {
        actor,
        action: 'registry.premises.added',
        entityType: 'premises',
        entityId: p.id,
        summary: { institutionId: i.id, address: p.address },
      });
      return p;
    });
  }

  /**
   * Records a check's result: 消防设计审查/消防验收 (住建局), 消防检查 (消防救援), 卫生监督 (卫健局). The
   * department holding the check's duty records it; county administrators and the licensing department
   * may enter it on that department's behalf.
   */
  async recordPremisesCheck(
    actor: Principal,
    premisesId: string,
    check: PremisesCheck,
    result: CheckStatus,
    date: string | null,
  ): Promise<Premises> {
    const p0 = await this.queries.premisesById(premisesId);
    if (!p0) throw premisesNotFound(premisesId);
    const duty = DUTY_OF_CHECK[check];
    const authorise = () =>
      this.changes.assertLicensingOrDuty(actor, duty, text(`record a ${check} result`, `登记 ${check} 结果`));
    return this.changes.change(
      actor,
      p0.institutionId,
      async (em) => {
        const p = await em
          .getRepository(Premises)
          .findOneOrFail({ where: { id: premisesId }, lock: { mode: 'pessimistic_write' } });
        const before = { ...p };
        switch (check) {
          case PremisesCheck.FIRE_DESIGN_REVIEW:
            p.fireDesignReview = result;
            break;
          case PremisesCheck.FIRE_ACCEPTANCE:
            if (result === CheckStatus.PASSED && p.fireDesignReview !== CheckStatus.PASSED)
              throw fireDesignReviewRequired();
            p.fireAcceptance = result;
            p.fireAcceptanceDate = date;
            break;
          case PremisesCheck.FIRE_INSPECTION:
            p.fireInspection = result;
            p.fireInspectionDate = date;
            break;
          case PremisesCheck.HEALTH_INSPECTION:
            p.healthInspection = result;
            p.healthInspectionDate = date;
            break;
        }
        p.updatedAt = this.clock.now();
        await em.getRepository(Premises).save(p);
        await this.audit.record(em, {
          actor,
          action: 'registry.premises.checked',
          entityType: 'premises',
          entityId: p.id,
          summary: {
            institutionId: p.institutionId,
            check,
            result,
            date,
            before: { fireDesignReview: before.fireDesignReview, fireAcceptance: before.fireAcceptance },
          },
        });
        return p;
      },
      authorise,
    );
  }

  async updatePremisesSafety(
    actor: Principal,
    premisesId: string,
    measures: { securityGuards: boolean; physicalProtection: boolean; technicalProtection: boolean },
  ): Promise<Premises> {
    const p0 = await this.queries.premisesById(premisesId);
    if (!p0) throw premisesNotFound(premisesId);
    return this.changes.change(actor, p0.institutionId, async (em) => {
      const p = await em
        .getRepository(Premises)
        .findOneOrFail({ where: { id: premisesId }, lock: { mode: 'pessimistic_write' } });
      Object.assign(p, measures, { updatedAt: this.clock.now() });
      await em.getRepository(Premises).save(p);
      await this.audit.record(em, {
        actor,
        action: 'registry.premises.safety_updated',
        entityType: 'premises',
        entityId: p.id,
        summary: { institutionId: p.institutionId, ...measures },
      });
      return p;
    });
  }
}
