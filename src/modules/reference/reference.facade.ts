import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { Role, STAFF_ROLES } from '../../platform/auth/role';
import { Loaders, loadLink } from '../../platform/graphql/loaders';
import { UUID } from '../../platform/ids/uuid';
import { CalendarPeriod } from './entities/calendar-period.entity';
import { Department } from './entities/department.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School } from './entities/school.entity';
import { Township } from './entities/township.entity';
import { TeacherObject } from './graphql/reference.objects';
import { ReferenceAccess } from './reference.access';
import { ReferenceQueries, SchoolSummary, TeacherSummary } from './reference.queries';

/** Reference data as other modules see it (townships, departments and duties, schools, teachers, the school calendar); read-only. */
@Injectable()
export class ReferenceFacade {
  constructor(
    private readonly reference: ReferenceQueries,
    private readonly access: ReferenceAccess,
  ) {}

  listTownships(): Promise<Township[]> {
    return this.reference.listTownships();
  }

  townshipsByCodes(codes: readonly string[]): Promise<Township[]> {
    return this.reference.townshipsByCodes(codes);
  }

  getTownship(code: string): Promise<Township> {
    return this.reference.getTownship(code);
  }

  getDepartment(code: string): Promise<Department> {
    return this.reference.getDepartment(code);
  }

  listDepartments(): Promise<Department[]> {
    return this.reference.listDepartments();
  }

  departmentsWithDuty(duty: string): Promise<string[]> {
    return this.reference.departmentsWithDuty(duty);
  }

  gridsOfTownships(codes: readonly string[]): Promise<GridCell[]> {
    return this.reference.gridsOfTownships(codes);
  }

  getSchool(actor: Principal, id: string): Promise<School> {
    return this.reference.getSchool(actor, id);
  }

  /**
   * The link from another module's record to its school (`AfterSchoolPlan.school`, `User.school`, …): the
   * `School` that `school(id:)` gives the caller, else null (out of scope, or a role that reads no schools).
   * One per-request loader, one scoped statement per page.
   */
  schoolLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<School | null> {
    return loadLink(loaders, 'reference.school-link', id, (ids) => {
      if (actor.kind !== 'user' || !STAFF_ROLES.includes(actor.role)) return Promise.resolve([]);
      return this.reference.readableSchoolsByIds(
        actor,
        ids.filter((i) => UUID.test(i)),
      );
    });
  }

  /**
   * The link to a roster teacher (`TeacherParticipationHours.teacher`, `AfterSchoolPlanStaff.teacher`): the
   * `Teacher` as the `teachers` roster shows it, to those who read rosters (reference-data editors, and a
   * school administrator for their own school's teachers), else null. One per-request loader, one statement
   * per page (and the editor check's duty lookups for a department officer).
   */
  teacherLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<TeacherObject | null> {
    return loadLink(loaders, 'reference.teacher-link', id, async (ids) => {
      const ownSchool = actor.kind === 'user' && actor.role === Role.SCHOOL_ADMIN ? actor.schoolId : null;
      if (!ownSchool && (actor.kind !== 'user' || !(await this.access.isEditor(actor)))) return [];
      const teachers = await this.reference.teachersByIds(ids.filter((i) => UUID.test(i)));
      return teachers
        .filter((t) => !ownSchool || t.schoolId === ownSchool)
        .map((t) => ({ id: t.id, name: t.name, active: t.active }));
    });
  }

  schoolExists(id: string): Promise<boolean> {
    return this.reference.schoolExists(id);
  }

  schoolsByIds(ids: readonly string[]): Promise<SchoolSummary[]> {
    return this.reference.schoolsByIds(ids);
  }

  allSchools(townshipCode?: string): Promise<SchoolSummary[]> {
    return this.reference.allSchools(townshipCode);
  }

  teachersByIds(ids: readonly string[]): Promise<TeacherSummary[]> {
    return this.reference.teachersByIds(ids);
  }

  findActiveTeacherByIdNumberHash(
    hash: string,
  ): Promise<{ teacherId: string; schoolId: string; townshipCode: string } | null> {
    return this.reference.findActiveTeacherByIdNumberHash(hash);
  }

  /** Roster entries (active or not) with their ID-number hash and township: see ReferenceQueries.rosterEntriesByIds. */
  rosterEntriesByIds(
    ids: readonly string[],
  ): Promise<{ teacherId: string; name: string; idNumberHash: string; schoolId: string; townshipCode: string }[]> {
    return this.reference.rosterEntriesByIds(ids);
  }

  activeTeachersOfSchool(
    schoolId: string,
  ): Promise<{ teacherId: string; idNumberHash: string; schoolId: string; townshipCode: string }[]> {
    return this.reference.activeTeachersOfSchool(schoolId);
  }

  calendarPeriodsBetween(from: string, to: string): Promise<CalendarPeriod[]> {
    return this.reference.calendarPeriodsBetween(from, to);
  }
}
