import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { EventPublisher } from '../../../platform/events';
import { ExamViolationSource } from './entities/exam-violation.entity';
import { Breach } from './exam.rules';

/** Where the breaches were found. */
export interface FindingSource {
  schoolId: string;
  townshipCode: string;
  term: string;
  source: ExamViolationSource;
  planId: string | null;
  examId: string | null;
}

/**
 * Stores breaches of the national rules as exam violations (findings) inside the caller's transaction:
 * each new one is audited and published as `schools.exam.violation_found` (which opens the school's
 * exam-management inspection). A breach already found for the same plan (grade and kind) or exam (kind)
 * is not stored twice. Returns the ids of the new violations.
 */
@Injectable()
export class ExamFindings {
  constructor(
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async record(em: EntityManager, actor: Principal, at: FindingSource, breaches: readonly Breach[]): Promise<string[]> {
    const ids: string[] = [];
    for (const b of breaches) {
      const rows = (await em.query(
        `INSERT INTO school_exam_violation (school_id, township_code, term, grade, kind, source, plan_id, exam_id, description, found_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          at.schoolId,
          at.townshipCode,
          at.term,
          b.grade,
          b.kind,
          at.source,
          at.planId,
          at.examId,
          JSON.stringify(b.message),
          this.clock.now(),
        ],
      )) as { id: string }[];
      const id = rows[0]?.id;
      if (!id) continue;
      ids.push(id);
      await this.audit.record(em, {
        actor,
        action: 'schools.exam.violation_found',
        entityType: 'school_exam_violation',
        entityId: id,
        summary: {
          kind: b.kind,
          grade: b.grade,
          term: at.term,
          source: at.source,
          planId: at.planId,
          examId: at.examId,
        },
      });
      await this.events.publish(em, 'schools.exam.violation_found', {
        violationId: id,
        schoolId: at.schoolId,
        townshipCode: at.townshipCode,
        term: at.term,
        grade: b.grade,
        kind: b.kind,
        source: at.source,
        planId: at.planId,
        examId: at.examId,
        description: b.message,
      });
    }
    return ids;
  }
}
