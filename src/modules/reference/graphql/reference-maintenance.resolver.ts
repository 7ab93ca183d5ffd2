import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Unauthenticated } from '../../../platform/auth/auth.errors';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { pagedComplexity } from '../../../platform/graphql/pagination';
import { GridCellService } from '../grid-cell.service';
import { SchoolCalendarService } from '../school-calendar.service';
import { SchoolService } from '../school.service';
import {
  CalendarPeriodInput,
  CalendarPeriodsArgs,
  CreateGridCellInput,
  CreateSchoolInput,
  DeleteCalendarPeriodInput,
  ImportTeacherRosterInput,
  RenameGridCellInput,
  TeachersArgs,
  UpdateSchoolInput,
} from './reference.inputs';
import {
  CalendarPeriodObject,
  GridCellObject,
  SchoolObject,
  TeacherConnection,
  TeacherRosterImportResultObject,
} from './reference.objects';

/**
 * Maintenance of reference data (schools, teacher roster, grid cells, school calendar). The gate lets
 * county administrators and department officers through; the service then admits officers of the
 * departments holding the LICENSING or AFTER_SCHOOL duty only (the Education Bureau in Xifeng).
 */
@Resolver()
export class ReferenceMaintenanceResolver {
  constructor(
    private readonly schools: SchoolService,
    private readonly grids: GridCellService,
    private readonly calendar: SchoolCalendarService,
  ) {}

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => SchoolObject, {
    description: 'Register a school (SCHOOL_CODE_TAKEN, TOWNSHIP_NOT_FOUND); county office or the education department',
  })
  createSchool(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school to register' }) input: CreateSchoolInput,
  ) {
    return this.schools.createSchool(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => SchoolObject, {
    description: "Change a school's name, stage or address; its township cannot change (SCHOOL_TOWNSHIP_IMMUTABLE)",
  })
  updateSchool(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school and its changes' }) input: UpdateSchoolInput,
  ) {
    const { id, ...update } = input;
    return this.schools.updateSchool(actor, id, update);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => TeacherRosterImportResultObject, {
    description:
      "Load a school's in-service teacher roster, all or nothing (every ID number verified); teachers are matched by ID number; replace marks those missing inactive",
  })
  importTeacherRoster(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The school and its teachers' }) input: ImportTeacherRosterInput,
  ) {
    return this.schools.importTeacherRoster(actor, input.schoolId, input.teachers, input.replace);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.SCHOOL_ADMIN)
  @Query(() => TeacherConnection, {
    description:
      "A school's teacher roster (names only); the county office, the education department, the school's administrator",
    complexity: pagedComplexity,
  })
  teachers(@CurrentPrincipal() actor: Principal, @Args() args: TeachersArgs) {
    return this.schools.listTeachers(actor, args.filter.schoolId, args);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER)
  @Mutation(() => GridCellObject, {
    description: 'Add a grid cell (网格) to a township; a township officer in their own township',
  })
  createGridCell(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The township and the new cell' }) input: CreateGridCellInput,
  ) {
    return this.grids.createGridCell(actor, input.townshipCode, input.code, input.name);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER)
  @Mutation(() => GridCellObject, {
    description: 'Rename a grid cell (网格) (GRID_CELL_NOT_FOUND); a township officer in their own township',
  })
  renameGridCell(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The cell and its new name' }) input: RenameGridCellInput,
  ) {
    return this.grids.renameGridCell(actor, input.code, input.name);
  }

  @Query(() => [CalendarPeriodObject], {
    description: 'School-calendar periods touching a year (holidays, vacations, adjusted workdays); any staff role',
  })
  calendarPeriods(@CurrentPrincipal() actor: Principal, @Args() args: CalendarPeriodsArgs) {
    if (actor.kind !== 'user') throw new Unauthenticated();
    return this.calendar.calendarPeriodsOfYear(args.filter.year);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => CalendarPeriodObject, {
    description:
      'Create (no id) or change a calendar period; refuses overlaps with a period of the same kind (CALENDAR_PERIOD_OVERLAP)',
  })
  setCalendarPeriod(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The period (with an id to change one)' }) input: CalendarPeriodInput,
  ) {
    return this.calendar.setCalendarPeriod(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => Boolean, {
    description: 'Delete a calendar period (CALENDAR_PERIOD_NOT_FOUND); true when done',
  })
  deleteCalendarPeriod(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The period to delete' }) input: DeleteCalendarPeriodInput,
  ) {
    return this.calendar.deleteCalendarPeriod(actor, input.id);
  }
}
