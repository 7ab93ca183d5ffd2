import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UUID } from '../../platform/ids/uuid';
import { Institution, InstitutionStatus } from './entities/institution.entity';
import { LeadService } from './lead.service';
import { RegistryQueries } from './registry.queries';
import { LeadQueries } from './registry.queries.leads';
import { CalendarEntry, lessonDayProblems } from './training-time';
import { isCalendarDate } from '../../platform/clock/business-time';
import { ReferenceFacade } from '../reference';
import { Principal } from '../../platform/auth/principal';
import { byKey, Loaders, loadLink } from '../../platform/graphql/loaders';
import { CourseObject, InstitutionObject, StaffObject, UnlicensedLeadObject } from './graphql/registry.objects';
import { InstitutionLifecycleService } from './institution-lifecycle.service';
import { LeadStatus } from './entities/unlicensed-lead.entity';
import { RecordChanges } from './record-changes';
import { INSTITUTION_READ_ROLES, READ_ROLES } from './registry.access';
import { Text, text } from '../../platform/i18n/text';
import { MUST_BE_DATE } from '../../platform/i18n/field-texts';

/** What other modules know of an institution. */
export interface InstitutionSummary {
  id: string;
  name: string;
  creditCode: string;
  category: 'SUBJECT' | 'NON_SUBJECT';
  nonSubjectKind: string | null;
  status: InstitutionStatus;
  townshipCode: string;
  gridCode: string | null;
  competentDepartmentCode: string;
}

function toSummary(i: Institution): InstitutionSummary {
  return {
    id: i.id,
    name: i.name,
    creditCode: i.creditCode,
    category: i.category,
    nonSubjectKind: i.nonSubjectKind,
    status: i.status,
    townshipCode: i.townshipCode,
    gridCode: i.gridCode,
    competentDepartmentCode: i.competentDepartmentCode,
  };
}

/** What other modules know of an unlicensed-training lead (非法/变异培训线索). */
export interface LeadSummary {
  id: string;
  townshipCode: string;
  location: string;
  status: LeadStatus;
}

/** What other modules know of a course (prepaid contracts are signed for one). */
export interface CourseSummary {
  id: string;
  institutionId: string;
  name: string;
  topic: string;
  /** A school subject (学科类). */
  subject: boolean;
  mode: 'OFFLINE' | 'ONLINE';
  lessonMinutes: number;
  termStart: string;
  termEnd: string;
}

/**
 * The registry as other modules see it (escrow, credit, lists, complaints, supervision): read-only
 * lookups with no principal, since callers have already scoped their own records. Counts for the
 * dashboard are index-backed SQL.
 */
const COURSE_GONE = text('the course no longer exists', '该课程已不存在');

@Injectable()
export class RegistryFacade {
  constructor(
    private readonly leads: LeadService,
    private readonly queries: RegistryQueries,
    private readonly leadQueries: LeadQueries,
    private readonly reference: ReferenceFacade,
    private readonly changes: RecordChanges,
    private readonly lifecycle: InstitutionLifecycleService,
  ) {}

  /**
   * Enforcement (行政处罚): suspends or revokes the institution inside the caller's transaction through the
   * lifecycle's own rule, audit and event (see InstitutionLifecycleService.sanctionIn); null when a
   * suspension finds it suspended already.
   */
  async sanctionInstitution(
    em: EntityManager,
    actor: Principal,
    id: string,
    sanction: 'suspended' | 'revoked',
    reason: string,
  ): Promise<InstitutionSummary | null> {
    const i = await this.lifecycle.sanctionIn(em, actor, id, sanction, reason);
    return i ? toSummary(i) : null;
  }

  /** A lead by id (unscoped: the caller scopes its own record); null for an unknown or malformed id. */
  async findLead(id: string): Promise<LeadSummary | null> {
    if (!UUID.test(id)) return null;
    const l = await this.leadQueries.byId(id);
    return l ? { id: l.id, townshipCode: l.townshipCode, location: l.location, status: l.status } : null;
  }

  /**
   * Enforcement: closes (取缔) the lead whose operator was penalised, inside the caller's transaction (see
   * LeadService.closeIn); false when it was closed or regularised already.
   */
  closeLeadByPenalty(em: EntityManager, actor: Principal, leadId: string, findings: string): Promise<boolean> {
    return this.leads.closeIn(em, actor, leadId, findings);
  }

  /**
   * The link to a lead (`PenaltyDecision.lead`): the `UnlicensedLead` as `unlicensedLead(id:)` gives it to
   * the caller, else null. One per-request loader, one scoped statement per page.
   */
  leadLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<UnlicensedLeadObject | null> {
    return loadLink(loaders, 'registry.lead-link', id, async (ids) => {
      if (actor.kind !== 'user' || !READ_ROLES.includes(actor.role)) return [];
      const valid = [...new Set(ids)].filter((i) => UUID.test(i));
      if (valid.length === 0) return [];
      const before = await this.leads.overdueBefore();
      return (await this.leadQueries.readableByIds(actor, valid)).map((l) => UnlicensedLeadObject.from(l, before));
    });
  }

  async findCourse(id: string): Promise<CourseSummary | null> {
    if (!UUID.test(id)) return null;
    const c = await this.queries.courseById(id);
    if (!c) return null;
    return {
      id: c.id,
      institutionId: c.institutionId,
      name: c.name,
      topic: c.topic,
      subject: c.subject,
      mode: c.mode,
      lessonMinutes: c.lessonMinutes,
      termStart: c.termStart,
      termEnd: c.termEnd,
    };
  }

  /**
   * Why `lessons` lessons of the course cannot have been taught on the date under the training-time rules
   * (its schedule, public holidays and vacations for subject courses), or an empty list. Unknown course: a problem.
   */
  async lessonDayProblems(courseId: string, date: string, lessons: number): Promise<Text[]> {
    if (!isCalendarDate(date)) return [MUST_BE_DATE];
    const c = UUID.test(courseId) ? await this.queries.courseById(courseId) : null;
    if (!c) return [COURSE_GONE];
    const calendar = await this.reference.calendarPeriodsBetween(date, date);
    return lessonDayProblems(c, date, lessons, calendar);
  }

  /**
   * lessonDayProblems for many lessons at once (a platform batch): the courses named are read in one
   * statement and `calendar` must hold the calendar periods of every date asked (a superset is fine). The
   * answer is a function giving, per (course, date, lessons), the same problems as lessonDayProblems.
   */
  async lessonDayChecker(
    courseIds: readonly string[],
    calendar: CalendarEntry[],
  ): Promise<(courseId: string, date: string, lessons: number) => Text[]> {
    const valid = [...new Set(courseIds)].filter((id) => UUID.test(id));
    const courses = new Map((valid.length ? await this.queries.coursesByIds(valid) : []).map((c) => [c.id, c]));
    return (courseId, date, lessons) => {
      if (!isCalendarDate(date)) return [MUST_BE_DATE];
      const c = courses.get(courseId);
      if (!c) return [COURSE_GONE];
      return lessonDayProblems(c, date, lessons, calendar);
    };
  }

  async findInstitution(ref: { id?: string; creditCode?: string }): Promise<InstitutionSummary | null> {
    if (ref.id) {
      if (!UUID.test(ref.id)) return null;
      const found = await this.queries.institutionBy({ id: ref.id });
      return found ? toSummary(found) : null;
    }
    if (ref.creditCode) {
      const found = await this.queries.institutionBy({ creditCode: ref.creditCode.trim().toUpperCase() });
      return found ? toSummary(found) : null;
    }
    return null;
  }

  /** Summaries of the institutions with these ids (unknown ids are left out), for DataLoaders. */
  async getInstitutions(ids: readonly string[]): Promise<InstitutionSummary[]> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (valid.length === 0) return [];
    return (await this.queries.institutionsByIds(valid)).map(toSummary);
  }

  /**
   * The institutions with these ids that the principal may read as `institution(id:)` would give them (one
   * statement, scoped in SQL); the others, and every id for a role that reads no institution, are left out.
   */
  async readableInstitutions(actor: Principal, ids: readonly string[]): Promise<InstitutionObject[]> {
    if (actor.kind !== 'user' || !INSTITUTION_READ_ROLES.includes(actor.role)) return [];
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (valid.length === 0) return [];
    return (await this.queries.readableInstitutionsByIds(actor, valid)).map((i) => InstitutionObject.from(i));
  }

  /**
   * The link from another module's record to its institution (`EscrowAlert.institution`, …): the registry's
   * `Institution` when the caller may read it, else null. One per-request DataLoader shared by every link,
   * so a page costs one statement however many rows and link fields it has.
   */
  institutionLink(
    loaders: Loaders,
    actor: Principal,
    id: string | null | undefined,
  ): Promise<InstitutionObject | null> {
    if (!id) return Promise.resolve(null);
    return loaders
      .get<string, InstitutionObject | null>('registry.institution-link', async (ids) =>
        byKey(ids, await this.readableInstitutions(actor, ids), (i) => i.id),
      )
      .load(id);
  }

  /**
   * The link to a course (`PrepaidContract.course`, `TrainingMaterial.course`): the `Course` as its
   * institution's `courses` list shows it, when the caller may read that institution, else null. One
   * per-request loader, one scoped statement per page.
   */
  courseLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<CourseObject | null> {
    return loadLink(loaders, 'registry.course-link', id, async (ids) => {
      const valid = this.readableIds(actor, ids);
      if (valid.length === 0) return [];
      return (await this.queries.readableCoursesByIds(actor, valid)).map((c) => CourseObject.from(c));
    });
  }

  /**
   * The link to a staff member (`CreditRecord.staff`, `StaffBar.staff`): the `Staff` (ID number masked) as
   * its institution's `staff` list shows it, when the caller may read that institution, else null. One
   * per-request loader, one scoped statement per page.
   */
  staffLink(loaders: Loaders, actor: Principal, id: string | null | undefined): Promise<StaffObject | null> {
    return loadLink(loaders, 'registry.staff-link', id, async (ids) => {
      const valid = this.readableIds(actor, ids);
      if (valid.length === 0) return [];
      return (await this.queries.readableStaffByIds(actor, valid)).map((s) => StaffObject.from(this.changes.view(s)));
    });
  }

  /** The well-formed ids, or none for a role that reads no institution. */
  private readableIds(actor: Principal, ids: readonly string[]): string[] {
    if (actor.kind !== 'user' || !INSTITUTION_READ_ROLES.includes(actor.role)) return [];
    return [...new Set(ids)].filter((id) => UUID.test(id));
  }

  listOperatingInstitutionIds(): Promise<string[]> {
    return this.queries.listOperatingInstitutionIds();
  }

  /** Dashboard KPI (压减, target 0): for-profit subject institutions not yet closed, county-wide or in a township. */
  countSubjectInstitutionsRemaining(townshipCode?: string): Promise<number> {
    return this.queries.countSubjectInstitutionsRemaining(townshipCode);
  }

  /** Dashboard: operating institutions per category (index idx_institution_township_status / idx_institution_status). */
  countOperatingByCategory(townshipCode?: string): Promise<{ category: string; count: number }[]> {
    return this.queries.countOperatingByCategory(townshipCode);
  }

  /**
   * Dashboard (两个全覆盖): operating institutions per township, and of them those with party organisation
   * coverage (党的组织覆盖) and party work coverage (党的工作覆盖). One query over
   * idx_institution_township_status / idx_institution_status. County-wide, or one township's.
   */
  countPartyCoverageByTownship(
    townshipCode?: string,
  ): Promise<{ townshipCode: string; operating: number; organisationCovered: number; workCovered: number }[]> {
    return this.queries.countPartyCoverageByTownship(townshipCode);
  }

  /** Ids of the operating institutions of a township (all when none given), for other modules' coverage counts. */
  listOperatingInstitutionIdsIn(townshipCode?: string, createdBefore?: Date): Promise<string[]> {
    return this.queries.listOperatingInstitutionIdsIn(townshipCode, createdBefore);
  }

  /**
   * Dashboard trend: for-profit subject institutions remaining at an instant, approximated from the
   * current record: entered before it, and either still remaining or last changed (closed) after it.
   */
  countSubjectInstitutionsRemainingAt(at: Date, townshipCode?: string): Promise<number> {
    return this.queries.countSubjectInstitutionsRemainingAt(at, townshipCode);
  }

  /** Dashboard: unlicensed-training leads still open (OPEN or INVESTIGATING). */
  countOpenUnlicensedLeads(townshipCode?: string): Promise<number> {
    return this.leadQueries.countOpen(townshipCode);
  }

  /** Dashboard KPI (动态清零, target 0): unlicensed-training leads still open past the clearance deadline. */
  countOverdueUnlicensedLeads(townshipCode?: string, now?: Date): Promise<number> {
    return this.leads.countOverdue(townshipCode, now);
  }

  /** County reports (动态清零): unlicensed-training leads open at `to`, and those cleared (取缔/规范登记) in [from, to). */
  unlicensedLeadFigures(from: Date, to: Date): Promise<{ openAtEnd: number; cleared: number }> {
    return this.leadQueries.countOpenAtAndCleared(from, to);
  }
}
