import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform/auth/principal';
import { inScope } from '../../../platform/auth/scope';
import { ReferenceFacade } from '../../reference';
import { readOptions } from './teacher-burden.access';
import { BurdenFigures, TeacherBurdenQueries } from './teacher-burden.queries';
import { monthBounds, monthsEndingWith } from './teacher-burden.rules';

export interface SchoolMonthFigures extends BurdenFigures {
  schoolId: string;
  townshipCode: string;
  month: string;
}

/** A month of a township or the county: totals, and the teacher-hours per school of the area. */
export interface AreaMonthFigures extends BurdenFigures {
  month: string;
  schools: number;
  schoolsReporting: number;
  /** teacherHours / schools, one decimal; null when the area has no school. */
  teacherHoursPerSchool: number | null;
}

export interface BurdenDashboardFigures {
  month: AreaMonthFigures;
  /** The schools with the most teacher-hours in the month (at most 10, with any demand). */
  topSchools: SchoolMonthFigures[];
  /** The twelve months ending with the month, oldest first. */
  trend: AreaMonthFigures[];
}

const ZERO: BurdenFigures = { demands: 0, unapprovedDemands: 0, teachersInvolved: 0, teacherHours: 0 };
const perSchool = (hours: number, schools: number): number | null =>
  schools === 0 ? null : Math.round((hours / schools) * 10) / 10;

/**
 * The burden figure (教师负担指数): per school and month, the teacher-hours of the non-teaching demands in
 * force that started in the month (with their count and the unapproved ones); per area, the sums and the
 * teacher-hours per school. Every school of the reader's scope appears, a school with no demand at zero.
 */
@Injectable()
export class TeacherBurdenFiguresService {
  constructor(
    private readonly queries: TeacherBurdenQueries,
    private readonly reference: ReferenceFacade,
  ) {}

  async bySchool(
    actor: Principal,
    filter: { month: string; townshipCode?: string; schoolId?: string },
  ): Promise<SchoolMonthFigures[]> {
    const schools = (
      filter.schoolId
        ? await this.reference.schoolsByIds([filter.schoolId])
        : await this.reference.allSchools(filter.townshipCode)
    ).filter(
      (s) =>
        (!filter.townshipCode || s.townshipCode === filter.townshipCode) &&
        inScope(actor, { school: s.id, township: s.townshipCode }, readOptions(actor)),
    );
    const { from, to } = monthBounds(filter.month);
    const figures = await this.queries.bySchool(
      schools.map((s) => s.id),
      from,
      to,
    );
    return schools.map((s) => ({
      schoolId: s.id,
      townshipCode: s.townshipCode,
      month: filter.month,
      ...(figures.get(s.id) ?? ZERO),
    }));
  }

  /** The dashboard's section for an area the dashboard already scoped (a township, or null for the county). */
  async dashboard(townshipCode: string | null, month: string): Promise<BurdenDashboardFigures> {
    const schools = await this.reference.allSchools(townshipCode ?? undefined);
    const months = monthsEndingWith(month, 12);
    const byMonth = await this.queries.byMonth(townshipCode, monthBounds(months[0]!).from, monthBounds(month).to);
    const trend = months.map((m) => {
      const f = byMonth.get(m) ?? { ...ZERO, schoolsReporting: 0 };
      return {
        month: m,
        schools: schools.length,
        ...f,
        teacherHoursPerSchool: perSchool(f.teacherHours, schools.length),
      };
    });
    const { from, to } = monthBounds(month);
    const bySchool = await this.queries.bySchool(
      schools.map((s) => s.id),
      from,
      to,
    );
    const topSchools = schools
      .filter((s) => bySchool.has(s.id))
      .map((s) => ({ schoolId: s.id, townshipCode: s.townshipCode, month, ...bySchool.get(s.id)! }))
      .sort((a, b) => b.teacherHours - a.teacherHours || a.schoolId.localeCompare(b.schoolId))
      .slice(0, 10);
    return { month: trend[trend.length - 1]!, topSchools, trend };
  }
}
