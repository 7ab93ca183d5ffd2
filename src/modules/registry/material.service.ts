import { Injectable } from '@nestjs/common';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Course } from './entities/course.entity';
import { MaterialKind, ReviewStatus, TrainingMaterial } from './entities/training-material.entity';
import { RecordChanges } from './record-changes';
import { ADVERTISING_DUTY } from './registry.access';
import { courseNotFound, materialAlreadyReviewed, materialNotFound } from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { text } from '../../platform/i18n/text';

/**
 * Training materials and enrolment ads under review: submitted for an institution, reviewed by the
 * licensing department (an enrolment ad also by the advertising department, see registry.access.ts).
 */
@Injectable()
export class MaterialService {
  constructor(
    private readonly queries: RegistryQueries,
    private readonly changes: RecordChanges,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Materials of institutions already scoped by the caller, newest first. */
  materialsOf(ids: readonly string[]): Promise<TrainingMaterial[]> {
    return this.queries.materialsOf(ids);
  }

  async submitMaterial(
    actor: Principal,
    institutionId: string,
    input: { kind: MaterialKind; title: string; content: string; courseId?: string | null },
  ): Promise<TrainingMaterial> {
    return this.changes.change(actor, institutionId, async (em, i) => {
      if (input.courseId && !(await em.getRepository(Course).existsBy({ id: input.courseId, institutionId: i.id })))
        throw courseNotFound(input.courseId);
      const m = em.getRepository(TrainingMaterial).create({
        institutionId: i.id,
        courseId: input.courseId ?? null,
        kind: input.kind,
        title: input.title,
        content: input.content,
        status: ReviewStatus.SUBMITTED,
        reviewReasons: null,
        reviewedBy: null,
        submittedAt: this.clock.now(),
        reviewedAt: null,
      });
      await em.getRepository(TrainingMaterial).insert(m);
      await this.audit.record(em, {
        actor,
        action: 'registry.material.submitted',
        entityType: 'training_material',
        entityId: m.id,
        summary: { institutionId: i.id, kind: m.kind, title: m.title },
      });
      return m;
    });
  }

  /** Reviews submitted material: the licensing department; an enrolment ad also the advertising department (市场监管局). */
  async reviewMaterial(
    actor: Principal,
    materialId: string,
    decision: ReviewStatus.APPROVED | ReviewStatus.REJECTED,
    reasons: string | null,
  ): Promise<TrainingMaterial> {
    if (decision === ReviewStatus.REJECTED && !reasons?.trim())
      throw new ValidationFailed([
        { path: 'reasons', message: text('a rejection needs its reasons', '不予通过须说明理由') },
      ]);
    const m0 = await this.queries.materialById(materialId);
    if (!m0) throw materialNotFound(materialId);
    const authorise =
      m0.kind === MaterialKind.ENROLMENT_AD
        ? () =>
            this.changes.assertLicensingOrDuty(actor, ADVERTISING_DUTY, text('review an enrolment ad', '审核招生广告'))
        : undefined;
    return this.changes.change(
      actor,
      m0.institutionId,
      async (em) => {
        const m = await em
          .getRepository(TrainingMaterial)
          .findOneOrFail({ where: { id: materialId }, lock: { mode: 'pessimistic_write' } });
        if (m.status !== ReviewStatus.SUBMITTED) throw materialAlreadyReviewed(m.status);
        m.status = decision;
        m.reviewReasons = reasons?.trim() || null;
        m.reviewedBy = actor.kind === 'user' ? actor.username : actor.kind;
        m.reviewedAt = this.clock.now();
        await em.getRepository(TrainingMaterial).save(m);
        await this.audit.record(em, {
          actor,
          action: `registry.material.${decision.toLowerCase()}`,
          entityType: 'training_material',
          entityId: m.id,
          summary: { institutionId: m.institutionId, decision, reasons: m.reviewReasons },
        });
        return m;
      },
      authorise,
    );
  }
}
