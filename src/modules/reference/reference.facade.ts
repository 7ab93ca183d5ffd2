import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { CalendarPeriod } from './entities/calendar-period.entity';
import { Department } from './entities/department.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School } from './entities/school.entity';
import { Township } from './entities/township.entity';
import { ReferenceQueries, SchoolSummary, TeacherSummary } from './reference.queries';

/** Reference data as other modules see it (townships, departments and duties, schools, teachers, the school calendar); read-only. */
@Injectable()
export class ReferenceFacade {
  constructor(private readonly reference: ReferenceQueries) {}

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

  activeTeachersOfSchool(
    schoolId: string,
  ): Promise<{ teacherId: string; idNumberHash: string; schoolId: string; townshipCode: string }[]> {
    return this.reference.activeTeachersOfSchool(schoolId);
  }

  calendarPeriodsBetween(from: string, to: string): Promise<CalendarPeriod[]> {
    return this.reference.calendarPeriodsBetween(from, to);
  }
}
