import { Injectable } from '@nestjs/common';
import { BurdenDashboardFigures, TeacherBurdenFiguresService } from './burden/teacher-burden-figures.service';
import { ExamDashboard, ExamDashboardFigures } from './exams/exams.dashboard';

/** What other modules may ask of schools: the dashboard's exam-management and teacher-burden figures. */
@Injectable()
export class SchoolsFacade {
  constructor(
    private readonly burden: TeacherBurdenFiguresService,
    private readonly exams: ExamDashboard,
  ) {}

  /**
   * Teacher burden (教师负担) of a township or the county (null) for the dashboard: the month ('YYYY-MM'),
   * its top schools by teacher-hours and the twelve-month trend. The caller has scoped the area.
   */
  teacherBurdenDashboard(townshipCode: string | null, month: string): Promise<BurdenDashboardFigures> {
    return this.burden.dashboard(townshipCode, month);
  }

  /** Exam management of a term (e.g. `2026-1`): schools compliant, without a plan, violations by kind. */
  examFigures(input: { term: string; townshipCode?: string }): Promise<ExamDashboardFigures> {
    return this.exams.figures(input);
  }
}
