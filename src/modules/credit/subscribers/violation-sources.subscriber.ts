import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { systemPrincipal } from '../../../platform/auth/principal';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { CreditRecordService } from '../credit-record.service';
import { CreditRecordKind, CreditRecordSource, CreditSeverity } from '../entities/credit-record.entity';

const ACTOR = systemPrincipal('credit.subscribers');

/** Violations that other modules' events prove: failed annual reviews, in-service teachers, substantiated complaints, inspection findings. */
@Injectable()
export class ViolationSourcesSubscriber {
  constructor(private readonly records: CreditRecordService) {}

  @OnEvent('registry.annual_review.completed', { name: 'credit.record-annual-review' })
  async onAnnualReview(event: DomainEvent<'registry.annual_review.completed'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await em.query(
      `INSERT INTO credit_annual_review (institution_id, year, result, score, completed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (institution_id, year) DO UPDATE SET result = EXCLUDED.result, score = EXCLUDED.score, completed_at = EXCLUDED.completed_at
       WHERE credit_annual_review.completed_at <= EXCLUDED.completed_at`,
      [p.institutionId, p.year, p.result, p.score, event.occurredAt],
    );
    if (p.result !== 'FAIL') return;
    await this.records.createIn(em, ACTOR, {
      institutionId: p.institutionId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.ANNUAL_REVIEW_FAILED,
      severity: CreditSeverity.SERIOUS,
      summary: `${p.year} 年度年检不合格 (annual review ${p.year} failed, score ${p.score})`,
      evidence: [{ kind: 'ANNUAL_REVIEW', reference: `${p.institutionId}/${p.year}` }],
      occurredAt: event.occurredAt,
      sourceReference: `${p.institutionId}/${p.year}`,
    });
  }

  @OnEvent('registry.staff.in_service_teacher_found', { name: 'credit.record-in-service-teacher' })
  async onTeacher(event: DomainEvent<'registry.staff.in_service_teacher_found'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.records.createIn(em, ACTOR, {
      institutionId: p.institutionId,
      staffId: p.staffId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.IN_SERVICE_TEACHER,
      severity: CreditSeverity.SERIOUS,
      summary: '聘用中小学在职教师 (an in-service public school teacher works for the institution)',
      evidence: [
        {
          kind: 'TEACHER_ROSTER_MATCH',
          reference: `staff ${p.staffId} = teacher ${p.teacherId} (school ${p.schoolId})`,
        },
      ],
      occurredAt: event.occurredAt,
      sourceReference: `${p.staffId}/${p.teacherId}`,
    });
  }

  @OnEvent('complaints.complaint.substantiated', { name: 'credit.record-substantiated-complaint' })
  async onComplaint(event: DomainEvent<'complaints.complaint.substantiated'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.records.createIn(em, ACTOR, {
      institutionId: p.institutionId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.VERIFIED_COMPLAINT,
      severity: CreditSeverity.MINOR,
      summary: `投诉查实 (${p.category}): ${p.summary}`,
      evidence: [{ kind: 'COMPLAINT', reference: p.complaintId }],
      occurredAt: p.closedAt,
      sourceReference: p.complaintId,
    });
  }

  @OnEvent('supervision.finding.violation_recorded', { name: 'credit.record-inspection-finding' })
  async onFinding(event: DomainEvent<'supervision.finding.violation_recorded'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.records.createIn(em, ACTOR, {
      institutionId: p.institutionId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.INSPECTION_FINDING,
      severity: p.severity as CreditSeverity,
      summary: `检查发现 (${p.kind}): ${p.description}`,
      evidence: [{ kind: 'SUPERVISION_FINDING', reference: p.findingId, note: `task ${p.taskId}` }],
      occurredAt: event.occurredAt,
      // One finding may name several violations, each its own event.
      sourceReference: event.eventId,
    });
  }

  /**
   * A parent objected on a prepaid contract and the institution's lessons kept being confirmed only by
   * the auto-confirm (prepaid.auto_confirms_after_objection records since): one MINOR record per contract.
   */
  @OnEvent('prepaid.objections.overridden', { name: 'credit.record-prepaid-objections' })
  async onObjectionsOverridden(event: DomainEvent<'prepaid.objections.overridden'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.records.createIn(em, ACTOR, {
      institutionId: p.institutionId,
      kind: CreditRecordKind.VIOLATION,
      source: CreditRecordSource.PREPAID_OBJECTIONS_OVERRIDDEN,
      severity: CreditSeverity.MINOR,
      summary: `家长对消课提出异议后, ${p.autoConfirmedAfterObjection} 条消课记录仍仅经自动确认 (prepaid contract ${p.contractId}, ${p.objections} objection(s))`,
      evidence: [{ kind: 'PREPAID_CONTRACT', reference: p.contractId }],
      occurredAt: event.occurredAt,
      sourceReference: p.contractId,
    });
  }
}
