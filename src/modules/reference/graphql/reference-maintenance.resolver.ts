import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Unauthenticated } from '../../../platform/auth/auth.errors';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { GridCellService } from '../grid-cell.service';
import { SchoolCalendarService } from '../school-calendar.service';
import { SchoolService } from '../school.service';
import {
  CalendarPeriodInput,
  CalendarPeriodsArgs,
  CreateGridCellArgs,
  CreateSchoolInput,
  ImportTeacherRosterArgs,
  RenameGridCellArgs,
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
  createSchool(@CurrentPrincipal() actor: Principal, @Args('input') input: CreateSchoolInput) {
    return this.schools.createSchool(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => SchoolObject, {
    description: "Change a school's name, stage or address; its township cannot change (SCHOOL_TOWNSHIP_IMMUTABLE)",
  })
  updateSchool(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID }, uuidArg()) id: string,
    @Args('input') input: UpdateSchoolInput,
  ) {
    return this.schools.updateSchool(actor, id, input);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => TeacherRosterImportResultObject, {
    description:
      "Load a school's in-service teacher roster, all or nothing (every ID number verified); teachers are matched by ID number; replace marks those missing inactive",
  })
  importTeacherRoster(@CurrentPrincipal() actor: Principal, @Args() args: ImportTeacherRosterArgs) {
    return this.schools.importTeacherRoster(actor, args.schoolId, args.teachers, args.replace);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.SCHOOL_ADMIN)
  @Query(() => TeacherConnection, {
    description:
      "A school's teacher roster (names only); the county office, the education department, the school's administrator",
    complexity: pagedComplexity,
  })
  teachers(@CurrentPrincipal() actor: Principal, @Args() args: TeachersArgs) {
    return this.schools.listTeachers(actor, args.schoolId, args);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER)
  @Mutation(() => GridCellObject, {
    description: 'Add a grid cell (网格) to a township; a township officer in their own township',
  })
  createGridCell(@CurrentPrincipal() actor: Principal, @Args() args: CreateGridCellArgs) {
    return this.grids.createGridCell(actor, args.townshipCode, args.code, args.name);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER, Role.TOWNSHIP_OFFICER)
  @Mutation(() => GridCellObject, { description: 'Rename a grid cell; a township officer in their own township' })
  renameGridCell(@CurrentPrincipal() actor: Principal, @Args() args: RenameGridCellArgs) {
    return this.grids.renameGridCell(actor, args.code, args.name);
  }

  @Query(() => [CalendarPeriodObject], {
    description: 'School-calendar periods touching a year (holidays, vacations, adjusted workdays); any staff role',
  })
  calendarPeriods(@CurrentPrincipal() actor: Principal, @Args() args: CalendarPeriodsArgs) {
    if (actor.kind !== 'user') throw new Unauthenticated();
    return this.calendar.calendarPeriodsOfYear(args.year);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => CalendarPeriodObject, {
    description:
      'Create (no id) or change a calendar period; refuses overlaps with a period of the same kind (CALENDAR_PERIOD_OVERLAP)',
  })
  setCalendarPeriod(@CurrentPrincipal() actor: Principal, @Args('input') input: CalendarPeriodInput) {
    return this.calendar.setCalendarPeriod(actor, input);
  }

  @Roles(Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER)
  @Mutation(() => Boolean, { description: 'Delete a calendar period' })
  deleteCalendarPeriod(@CurrentPrincipal() actor: Principal, @Args('id', { type: () => ID }, uuidArg()) id: string) {
    return this.calendar.deleteCalendarPeriod(actor, id);
  }
}
