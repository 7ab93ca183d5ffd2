import { Injectable } from '@nestjs/common';
import { ReferenceFacade } from '../../reference';
import { ExamViolationKind } from './exam.rules';
import { ExamQueries } from './exams.queries';

/** Exam management of a term as the dashboard shows it (考试管理). */
export interface ExamDashboardFigures {
  /** YYYY-1 (autumn) or YYYY-2 (spring). */
  term: string;
  /** Schools of the county (or township). */
  schools: number;
  /** Schools that recorded a plan or an exam for the term. */
  schoolsRecorded: number;
  /** Schools without an exam plan for the term. */
  schoolsWithoutPlan: number;
  /** Schools that recorded and have no violation in the term. */
  schoolsCompliant: number;
  /** Schools with at least one violation in the term. */
  schoolsWithViolations: number;
  /** schoolsCompliant / schoolsRecorded, null when none recorded. */
  complianceRate: number | null;
  violationsByKind: { kind: ExamViolationKind; count: number }[];
}

/** The dashboard's exam figures: the county's schools from reference, the records from this module. */
@Injectable()
export class ExamDashboard {
  constructor(
    private readonly queries: ExamQueries,
    private readonly reference: ReferenceFacade,
  ) {}

  async figures(input: { term: string; townshipCode?: string }): Promise<ExamDashboardFigures> {
    const [schools, f] = await Promise.all([
      this.reference.allSchools(input.townshipCode),
      this.queries.termFigures(input.term, input.townshipCode),
    ]);
    const ids = new Set(schools.map((s) => s.id));
    const among = (list: string[]) => new Set(list.filter((id) => ids.has(id)));
    const recorded = among(f.schoolsRecorded);
    const withPlan = among(f.schoolsWithPlan);
    const violating = among(f.schoolsWithViolations);
    const compliant = [...recorded].filter((id) => !violating.has(id)).length;
    return {
      term: input.term,
      schools: ids.size,
      schoolsRecorded: recorded.size,
      schoolsWithoutPlan: ids.size - withPlan.size,
      schoolsCompliant: compliant,
      schoolsWithViolations: violating.size,
      complianceRate: recorded.size === 0 ? null : Math.round((compliant / recorded.size) * 10000) / 10000,
      violationsByKind: f.violationsByKind,
    };
  }
}
