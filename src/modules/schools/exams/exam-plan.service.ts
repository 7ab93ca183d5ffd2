import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { Principal } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { Problems } from '../../../platform/errors/problems';
import { EventPublisher } from '../../../platform/events';
import { text } from '../../../platform/i18n/text';
import { ReferenceFacade } from '../../reference';
import { ExamPlan, ExamPlanEntry } from './entities/exam-plan.entity';
import { ExamViolationSource } from './entities/exam-violation.entity';
import { checkGrade, checkTermDay, cleanSubjects, schoolWrittenFor } from './exam-checks';
import { ExamFindings } from './exam-findings';
import { planBreaches } from './exam.rules';
import { assertExamWriter } from './exams.access';

export interface RecordExamPlanCommand {
  schoolId: string;
  term: string;
  entries: ExamPlanEntry[];
  note?: string | null;
}

/**
 * A school's exam plan per term (学期考试计划): recorded by the school (or EDU), checked against the
 * national rules as it is recorded. Invalid input is refused; breaches are stored as findings and the
 * plan is kept as recorded. Recording it again replaces the entries (version + 1); findings stay.
 */
@Injectable()
export class ExamPlanService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly findings: ExamFindings,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async record(actor: Principal, c: RecordExamPlanCommand): Promise<{ plan: ExamPlan; violationIds: string[] }> {
    assertExamWriter(actor);
    const problems = new Problems();
    const school = await schoolWrittenFor(this.reference, actor, c.schoolId, problems);
    const entries: ExamPlanEntry[] = [];
    if (c.entries.length === 0) problems.add('entries', text('a plan has at least one exam', '计划至少包含一次考试'));
    for (const [i, e] of c.entries.entries()) {
      const path = `entries.${i}`;
      const grades = [...new Set(e.grades)].sort((a, b) => a - b);
      if (grades.length === 0)
        problems.add(`${path}.grades`, text('at least one grade is required', '至少须有一个年级'));
      if (school) for (const g of grades) checkGrade(school, g, `${path}.grades`, problems);
      await checkTermDay(this.reference, c.term, e.plannedDate, `${path}.plannedDate`, problems);
      const subjects = cleanSubjects(e.subjects, `${path}.subjects`, problems);
      entries.push({ kind: e.kind, format: e.format, grades, subjects, plannedDate: e.plannedDate });
    }
    problems.throwIfAny();
    const breaches = planBreaches(entries);
    const note = c.note?.trim() || null;
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      const [row] = (await em.query(
        `INSERT INTO school_exam_plan (school_id, township_code, term, entries, note, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
         ON CONFLICT (school_id, term) DO UPDATE SET entries = EXCLUDED.entries, note = EXCLUDED.note,
           version = school_exam_plan.version + 1, updated_at = EXCLUDED.updated_at
         RETURNING id, version`,
        [school!.id, school!.townshipCode, c.term, JSON.stringify(entries), note, now],
      )) as { id: string; version: number }[];
      const violationIds = await this.findings.record(
        em,
        actor,
        {
          schoolId: school!.id,
          townshipCode: school!.townshipCode,
          term: c.term,
          source: ExamViolationSource.PLAN,
          planId: row!.id,
          examId: null,
        },
        breaches,
      );
      await this.audit.record(em, {
        actor,
        action: 'schools.exam_plan.recorded',
        entityType: 'school_exam_plan',
        entityId: row!.id,
        summary: {
          schoolId: school!.id,
          term: c.term,
          version: row!.version,
          entries: entries.length,
          breaches: breaches.length,
        },
      });
      await this.events.publish(em, 'schools.exam_plan.recorded', {
        planId: row!.id,
        schoolId: school!.id,
        townshipCode: school!.townshipCode,
        term: c.term,
        version: row!.version,
        violations: violationIds.length,
      });
      const plan = await em.getRepository(ExamPlan).findOneByOrFail({ id: row!.id });
      return { plan, violationIds };
    });
  }
}
