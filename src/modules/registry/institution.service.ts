import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { maskIdentifier } from '../../platform/crypto/crypto';
import { applyScope } from '../../platform/auth/scope';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { FieldProblem, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { ReferenceFacade } from '../reference';
import { checkCreditCode } from './credit-code';
import { Course } from './entities/course.entity';
import {
  Institution,
  InstitutionCategory,
  InstitutionStatus,
  LegalForm,
  NonSubjectKind,
} from './entities/institution.entity';
import { CheckStatus, Premises } from './entities/premises.entity';
import { INSTITUTION_SCOPE, assertLicensingOfficer } from './registry.access';
import { like } from './registry.queries';
import {
  creditCodeTaken,
  fireAcceptanceRequired,
  illegalTransition,
  institutionClosed,
  institutionNotFound,
  invalidCreditCode,
  noNewSubjectInstitutions,
  notSubjectInstitution,
  subjectCoursesRemain,
  townshipChangeNotSupported,
} from './registry.errors';

export interface InstitutionFilter {
  townshipCode?: string;
  category?: InstitutionCategory;
  status?: InstitutionStatus;
  search?: string;
}

export interface InstitutionDetails {
  name: string;
  creditCode: string;
  category: InstitutionCategory;
  nonSubjectKind?: NonSubjectKind | null;
  legalForm: LegalForm;
  competentDepartmentCode: string;
  townshipCode: string;
  gridCode?: string | null;
  address: string;
  legalRepresentative: string;
  contactPhone: string;
  partyOrganisationCovered?: boolean;
  partyWorkCovered?: boolean;
}

/**
 * What `updateInstitution` may change (变更登记 of details that change without a lifecycle transition).
 * Absent fields stay as they are; `gridCode: null` clears the grid. Category, legal form, credit code and
 * status have their own commands; a township change is refused (see townshipChangeNotSupported).
 */
export interface InstitutionUpdate {
  name?: string;
  address?: string;
  townshipCode?: string;
  gridCode?: string | null;
  legalRepresentative?: string;
  contactPhone?: string;
  partyOrganisationCovered?: boolean;
  partyWorkCovered?: boolean;
  competentDepartmentCode?: string;
}

const UPDATABLE = [
  'name',
  'address',
  'gridCode',
  'legalRepresentative',
  'contactPhone',
  'partyOrganisationCovered',
  'partyWorkCovered',
  'competentDepartmentCode',
] as const;
/** States in which an institution's details still change (as its records, see RecordChanges). */
const UPDATABLE_STATES = [
  InstitutionStatus.APPLIED,
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
  InstitutionStatus.SUSPENDED,
];

export interface Licence {
  licenceNumber: string;
  licenceValidFrom: string;
  licenceValidUntil: string;
}

type Transition = 'approved' | 'rejected' | 'operating' | 'suspended' | 'resumed' | 'deregistered' | 'revoked';

/** Lifecycle commands: allowed source states and the target (APPLIED → APPROVED / REJECTED → OPERATING ⇄ SUSPENDED → DEREGISTERED / REVOKED). */
export const LIFECYCLE: Record<Transition, { command: string; from: InstitutionStatus[]; to: InstitutionStatus }> = {
  approved: { command: 'approveInstitution', from: [InstitutionStatus.APPLIED], to: InstitutionStatus.APPROVED },
  rejected: { command: 'rejectInstitution', from: [InstitutionStatus.APPLIED], to: InstitutionStatus.REJECTED },
  operating: { command: 'startOperating', from: [InstitutionStatus.APPROVED], to: InstitutionStatus.OPERATING },
  suspended: { command: 'suspendInstitution', from: [InstitutionStatus.OPERATING], to: InstitutionStatus.SUSPENDED },
  resumed: { command: 'resumeInstitution', from: [InstitutionStatus.SUSPENDED], to: InstitutionStatus.OPERATING },
  deregistered: {
    command: 'deregisterInstitution',
    from: [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED],
    to: InstitutionStatus.DEREGISTERED,
  },
  revoked: {
    command: 'revokeLicence',
    from: [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED],
    to: InstitutionStatus.REVOKED,
  },
};

/** Subject institutions not yet reduced (压减): for-profit and not closed. */
const REMAINING = [
  InstitutionStatus.APPLIED,
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
  InstitutionStatus.SUSPENDED,
];

/** Institutions (校外培训机构): registration, licensing lifecycle, reduction of subject institutions, reads. */
@Injectable()
export class InstitutionService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Institution) private readonly institutions: Repository<Institution>,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The departments whose officers license institutions (the LICENSING duty). */
  licensingDepartments(): Promise<string[]> {
    return this.reference.departmentsWithDuty('LICENSING');
  }

  async assertCanCommand(actor: Principal): Promise<void> {
    assertLicensingOfficer(actor, await this.licensingDepartments());
  }

  // ---- reads ------------------------------------------------------------------------------------

  list(actor: Principal, filter: InstitutionFilter, page: PageArgs): Promise<Connection<Institution>> {
    const qb = applyScope(
      this.institutions.createQueryBuilder('i'),
      actor,
      INSTITUTION_SCOPE.columns,
      INSTITUTION_SCOPE.options,
    );
    if (filter.townshipCode) qb.andWhere('i.township_code = :township', { township: filter.townshipCode });
    if (filter.category) qb.andWhere('i.category = :category', { category: filter.category });
    if (filter.status) qb.andWhere('i.status = :status', { status: filter.status });
    if (filter.search)
      qb.andWhere('(i.name ILIKE :search OR i.credit_code = :code)', {
        search: like(filter.search),
        code: filter.search.trim().toUpperCase(),
      });
    return paginate(qb, page, {
      list: 'registry.institutions',
      valueType: 'string',
      column: 'i.name',
      value: (i) => i.name,
      tieBreaker: 'i.id',
      tieValue: (i) => i.id,
    });
  }

  /** An institution the principal may see; one outside its scope is INSTITUTION_NOT_FOUND, like a missing one. */
  async get(actor: Principal, id: string, em?: EntityManager, lock = false): Promise<Institution> {
    const repo = em ? em.getRepository(Institution) : this.institutions;
    const qb = applyScope(
      repo.createQueryBuilder('i').where('i.id = :id', { id }),
      actor,
      INSTITUTION_SCOPE.columns,
      INSTITUTION_SCOPE.options,
    );
    if (lock) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw institutionNotFound(id);
    return found;
  }

  /** Subject institutions not yet reduced (压减 KPI: target 0), county-wide or in a township. */
  async countSubjectInstitutionsRemaining(townshipCode?: string): Promise<number> {
    const qb = this.institutions
      .createQueryBuilder('i')
      .where(`i.category = 'SUBJECT' AND i.legal_form = 'FOR_PROFIT' AND i.status IN (:...remaining)`, {
        remaining: REMAINING,
      });
    if (townshipCode) qb.andWhere('i.township_code = :township', { township: townshipCode });
    return qb.getCount();
  }

  // ---- commands ---------------------------------------------------------------------------------

  /** 申请办学许可: a new NON_SUBJECT institution in APPLIED state. New subject institutions are refused. */
  async applyForLicence(actor: Principal, input: InstitutionDetails, reason: string): Promise<Institution> {
    await this.assertCanCommand(actor);
    if (input.category === InstitutionCategory.SUBJECT) throw noNewSubjectInstitutions();
    return this.create(actor, input, null, InstitutionStatus.APPLIED, reason, 'registry.institution.applied');
  }

  /**
   * Enters an institution that already holds a licence (the county's existing register, including
   * subject institutions under reduction) directly in OPERATING state.
   */
  async registerExisting(
    actor: Principal,
    input: InstitutionDetails,
    licence: Licence,
    reason: string,
  ): Promise<Institution> {
    await this.assertCanCommand(actor);
    return this.create(actor, input, licence, InstitutionStatus.OPERATING, reason, 'registry.institution.operating');
  }

  approve(actor: Principal, id: string, licence: Licence, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'approved', reason, async (i) => {
      // Defensive: subject institutions cannot be applied for, so none should be waiting.
      if (i.category === InstitutionCategory.SUBJECT) throw noNewSubjectInstitutions();
      this.validateLicence(licence);
      Object.assign(i, licence);
    });
  }

  reject(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'rejected', reason);
  }

  startOperating(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'operating', reason, async (i, em) => {
      const accepted = await em
        .getRepository(Premises)
        .existsBy({ institutionId: i.id, fireAcceptance: CheckStatus.PASSED });
      if (!accepted) throw fireAcceptanceRequired();
    });
  }

  suspend(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'suspended', reason);
  }

  resume(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'resumed', reason);
  }

  deregister(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'deregistered', reason);
  }

  revoke(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'revoked', reason);
  }

  /** 压减: a subject institution turns non-subject (its subject courses must have ended). */
  convertToNonSubject(
    actor: Principal,
    id: string,
    kind: NonSubjectKind,
    competentDepartmentCode: string | undefined,
    reason: string,
  ): Promise<Institution> {
    return this.convert(actor, id, 'NON_SUBJECT', reason, async (i, em) => {
      if (i.category !== InstitutionCategory.SUBJECT)
        throw notSubjectInstitution('convertToNonSubject', 'the institution is already NON_SUBJECT');
      const today = businessDate(this.clock.now(), this.config.timeZone);
      const running = await em
        .getRepository(Course)
        .createQueryBuilder('c')
        .where('c.institution_id = :id AND c.subject AND c.term_end >= :today', { id: i.id, today })
        .getCount();
      if (running > 0) throw subjectCoursesRemain(running);
      if (competentDepartmentCode) await this.reference.getDepartment(competentDepartmentCode);
      i.category = InstitutionCategory.NON_SUBJECT;
      i.nonSubjectKind = kind;
      if (competentDepartmentCode) i.competentDepartmentCode = competentDepartmentCode;
    });
  }

  /** 压减: a for-profit subject institution re-registers as non-profit (民政局). */
  convertToNonProfit(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.convert(actor, id, 'NON_PROFIT', reason, async (i) => {
      if (i.category !== InstitutionCategory.SUBJECT)
        throw notSubjectInstitution('convertToNonProfit', 'only subject institutions are converted to non-profit');
      if (i.legalForm === LegalForm.NON_PROFIT)
        throw notSubjectInstitution('convertToNonProfit', 'the institution is already NON_PROFIT');
      i.legalForm = LegalForm.NON_PROFIT;
    });
  }

  /**
   * 变更登记: changes an institution's details (name, address, grid, legal representative, contacts,
   * party-building coverage, competent department) with a reason. The grid must belong to the
   * institution's township; the township itself is not changed here. Only the changed fields are
   * audited (before/after) and published; an input that changes nothing is a no-op answering the
   * institution as it is (no audit row, no event).
   */
  async updateInstitution(
    actor: Principal,
    id: string,
    input: InstitutionUpdate,
    reason: string,
  ): Promise<Institution> {
    await this.assertCanCommand(actor);
    if (!reason.trim()) throw new ValidationFailed([{ path: 'reason', message: 'an update needs its reason' }]);
    const wanted: InstitutionUpdate = {};
    for (const key of UPDATABLE) {
      const v = input[key];
      if (v === undefined) continue;
      (wanted as Record<string, unknown>)[key] = typeof v === 'string' ? v.trim() : v;
    }
    const problems: FieldProblem[] = [];
    for (const key of UPDATABLE) {
      if (key === 'gridCode' || input[key] === undefined) continue;
      if (input[key] === null || wanted[key] === '')
        problems.push({ path: key, message: 'must not be empty (leave it out to keep it)' });
    }
    if (wanted.gridCode === '') wanted.gridCode = null;
    if (problems.length) throw new ValidationFailed(problems);
    return this.dataSource.transaction(async (em) => {
      const i = await this.get(actor, id, em, true);
      if (!UPDATABLE_STATES.includes(i.status)) throw institutionClosed(i.status);
      if (
        input.townshipCode !== undefined &&
        input.townshipCode !== null &&
        input.townshipCode.trim() !== i.townshipCode
      ) {
        throw townshipChangeNotSupported(i.townshipCode, input.townshipCode.trim());
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const key of UPDATABLE) {
        const v = wanted[key];
        if (v === undefined || v === i[key]) continue;
        before[key] = i[key];
        after[key] = v;
      }
      const changed = Object.keys(after);
      if (changed.length === 0) return i;
      if (typeof after.gridCode === 'string') {
        const grids = await this.reference.gridsOfTownships([i.townshipCode]);
        if (!grids.some((g) => g.code === after.gridCode))
          throw new ValidationFailed([
            { path: 'gridCode', message: `grid ${String(after.gridCode)} is not in township ${i.townshipCode}` },
          ]);
      }
      if (typeof after.competentDepartmentCode === 'string')
        await this.reference.getDepartment(after.competentDepartmentCode);
      Object.assign(i, after);
      i.updatedAt = this.clock.now();
      await em.getRepository(Institution).save(i);
      // The contact phone is kept out of the audit log and the outbox in clear (both are read widely).
      const shown = (values: Record<string, unknown>) =>
        typeof values.contactPhone === 'string'
          ? { ...values, contactPhone: maskIdentifier(values.contactPhone) }
          : values;
      await this.audit.record(em, {
        actor,
        action: 'registry.institution.updated',
        entityType: 'institution',
        entityId: i.id,
        summary: { changed, before: shown(before), after: shown(after), reason: reason.trim() },
      });
      await this.events.publish(em, 'registry.institution.updated', {
        ...this.payload(i, i.status, reason.trim()),
        changed,
        before: shown(before),
        after: shown(after),
      });
      return i;
    });
  }

  // ---- internals --------------------------------------------------------------------------------

  private validateLicence(l: Licence): void {
    if (l.licenceValidUntil < l.licenceValidFrom)
      throw new ValidationFailed([{ path: 'licenceValidUntil', message: 'the licence expires before it is valid' }]);
  }

  private async create(
    actor: Principal,
    input: InstitutionDetails,
    licence: Licence | null,
    status: InstitutionStatus,
    reason: string,
    eventName: 'registry.institution.applied' | 'registry.institution.operating',
  ): Promise<Institution> {
    const check = checkCreditCode(input.creditCode);
    if (!check.valid) throw invalidCreditCode(check.message);
    const problems = [];
    if (input.category === InstitutionCategory.NON_SUBJECT && !input.nonSubjectKind)
      problems.push({ path: 'nonSubjectKind', message: 'a non-subject institution needs its kind' });
    if (input.category === InstitutionCategory.SUBJECT && input.nonSubjectKind)
      problems.push({ path: 'nonSubjectKind', message: 'a subject institution has no non-subject kind' });
    if (problems.length) throw new ValidationFailed(problems);
    if (licence) this.validateLicence(licence);
    await this.reference.getTownship(input.townshipCode);
    await this.reference.getDepartment(input.competentDepartmentCode);
    if (input.gridCode) {
      const grids = await this.reference.gridsOfTownships([input.townshipCode]);
      if (!grids.some((g) => g.code === input.gridCode))
        throw new ValidationFailed([
          { path: 'gridCode', message: `grid ${input.gridCode} is not in township ${input.townshipCode}` },
        ]);
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      if (await em.getRepository(Institution).existsBy({ creditCode: check.code })) throw creditCodeTaken(check.code);
      const i = em.getRepository(Institution).create({
        ...input,
        creditCode: check.code,
        nonSubjectKind: input.category === InstitutionCategory.SUBJECT ? null : (input.nonSubjectKind ?? null),
        gridCode: input.gridCode ?? null,
        partyOrganisationCovered: input.partyOrganisationCovered ?? false,
        partyWorkCovered: input.partyWorkCovered ?? false,
        licenceNumber: licence?.licenceNumber ?? null,
        licenceValidFrom: licence?.licenceValidFrom ?? null,
        licenceValidUntil: licence?.licenceValidUntil ?? null,
        status,
        createdAt: now,
        updatedAt: now,
      });
      try {
        await em.getRepository(Institution).insert(i);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw creditCodeTaken(check.code);
        throw e;
      }
      const action =
        status === InstitutionStatus.APPLIED ? 'registry.institution.applied' : 'registry.institution.registered';
      await this.audit.record(em, {
        actor,
        action,
        entityType: 'institution',
        entityId: i.id,
        summary: { name: i.name, creditCode: i.creditCode, category: i.category, status, reason },
      });
      await this.events.publish(em, eventName, this.payload(i, null, reason));
      return i;
    });
  }

  private payload(i: Institution, fromStatus: InstitutionStatus | null, reason: string) {
    return {
      institutionId: i.id,
      creditCode: i.creditCode,
      name: i.name,
      townshipCode: i.townshipCode,
      category: i.category,
      fromStatus,
      toStatus: i.status,
      reason,
    };
  }

  private async transition(
    actor: Principal,
    id: string,
    t: Transition,
    reason: string,
    guard?: (i: Institution, em: EntityManager) => Promise<void>,
  ): Promise<Institution> {
    await this.assertCanCommand(actor);
    const rule = LIFECYCLE[t];
    return this.dataSource.transaction(async (em) => {
      const i = await this.get(actor, id, em, true);
      if (!rule.from.includes(i.status)) throw illegalTransition(rule.command, i.status, rule.from);
      if (guard) await guard(i, em);
      const from = i.status;
      i.status = rule.to;
      i.updatedAt = this.clock.now();
      await em.getRepository(Institution).save(i);
      await this.audit.record(em, {
        actor,
        action: `registry.institution.${t}`,
        entityType: 'institution',
        entityId: i.id,
        summary: { from, to: i.status, reason },
      });
      await this.events.publish(em, `registry.institution.${t}`, this.payload(i, from, reason));
      return i;
    });
  }

  private async convert(
    actor: Principal,
    id: string,
    to: 'NON_SUBJECT' | 'NON_PROFIT',
    reason: string,
    apply: (i: Institution, em: EntityManager) => Promise<void>,
  ): Promise<Institution> {
    await this.assertCanCommand(actor);
    const command = to === 'NON_SUBJECT' ? 'convertToNonSubject' : 'convertToNonProfit';
    const allowed = [InstitutionStatus.APPROVED, InstitutionStatus.OPERATING, InstitutionStatus.SUSPENDED];
    return this.dataSource.transaction(async (em) => {
      const i = await this.get(actor, id, em, true);
      if (!allowed.includes(i.status)) throw illegalTransition(command, i.status, allowed);
      const previousCategory = i.category;
      const before = {
        category: i.category,
        nonSubjectKind: i.nonSubjectKind,
        legalForm: i.legalForm,
        competentDepartmentCode: i.competentDepartmentCode,
      };
      await apply(i, em);
      i.updatedAt = this.clock.now();
      await em.getRepository(Institution).save(i);
      const after = {
        category: i.category,
        nonSubjectKind: i.nonSubjectKind,
        legalForm: i.legalForm,
        competentDepartmentCode: i.competentDepartmentCode,
      };
      await this.audit.record(em, {
        actor,
        action: 'registry.institution.converted',
        entityType: 'institution',
        entityId: i.id,
        summary: { convertedTo: to, before, after, reason },
      });
      await this.events.publish(em, 'registry.institution.converted', {
        ...this.payload(i, i.status, reason),
        convertedTo: to,
        previousCategory,
        nonSubjectKind: i.nonSubjectKind,
        legalForm: i.legalForm,
      });
      return i;
    });
  }
}
