import { Injectable } from '@nestjs/common';
import { ExamDashboard, ExamDashboardFigures } from './exams/exams.dashboard';

/** What other modules may ask of schools: the dashboard reads the exam-management figures of a term. */
@Injectable()
export class SchoolsFacade {
  constructor(private readonly exams: ExamDashboard) {}

  /** Exam management of a term (e.g. `2026-1`): schools compliant, without a plan, violations by kind. */
  examFigures(input: { term: string; townshipCode?: string }): Promise<ExamDashboardFigures> {
    return this.exams.figures(input);
  }
}
