import { Injectable } from '@nestjs/common';
import { BurdenDashboardFigures, TeacherBurdenFiguresService } from './burden/teacher-burden-figures.service';

/** The schools module as other modules see it. */
@Injectable()
export class SchoolsFacade {
  constructor(private readonly burden: TeacherBurdenFiguresService) {}

  /**
   * Teacher burden (教师负担) of a township or the county (null) for the dashboard: the month ('YYYY-MM'),
   * its top schools by teacher-hours and the twelve-month trend. The caller has scoped the area.
   */
  teacherBurdenDashboard(townshipCode: string | null, month: string): Promise<BurdenDashboardFigures> {
    return this.burden.dashboard(townshipCode, month);
  }
}
