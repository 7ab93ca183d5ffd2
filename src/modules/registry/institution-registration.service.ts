import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { maskIdentifier } from '../../platform/crypto/crypto';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { ReferenceFacade } from '../reference';
import { checkCreditCode } from './credit-code';
import { Institution, InstitutionCategory, InstitutionStatus } from './entities/institution.entity';
import { ACTIVE_STATES, institutionPayload } from './institution-transitions';
import { InstitutionDetails, InstitutionUpdate } from './institution.types';
import { Licence, Licensing, validateLicence } from './licensing';
import {
  creditCodeTaken,
  institutionClosed,
  invalidCreditCode,
  noNewSubjectInstitutions,
  townshipChangeNotSupported,
} from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { text } from '../../platform/i18n/text';
import { gridOutside } from '../../platform/i18n/field-texts';

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

/**
 * Institutions (校外培训机构) entering the register — an application for a licence, or an institution that
 * already holds one — and the changes of their details (变更登记). Commands need a licensing officer.
 */
@Injectable()
export class InstitutionRegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RegistryQueries,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** 申请办学许可: a new NON_SUBJECT institution in APPLIED state. New subject institutions are refused. */
  async applyForLicence(actor: Principal, input: InstitutionDetails, reason: string): Promise<Institution> {
    await this.licensing.assertCanCommand(actor);
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
    await this.licensing.assertCanCommand(actor);
    return this.create(actor, input, licence, InstitutionStatus.OPERATING, reason, 'registry.institution.operating');
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
    await this.licensing.assertCanCommand(actor);
    if (!reason.trim())
      throw new ValidationFailed([
        { path: 'reason', message: text('an update needs its reason', '修改登记信息须说明理由') },
      ]);
    const wanted: InstitutionUpdate = {};
    for (const key of UPDATABLE) {
      const v = input[key];
      if (v === undefined) continue;
      (wanted as Record<string, unknown>)[key] = typeof v === 'string' ? v.trim() : v;
    }
    const problems = new Problems();
    for (const key of UPDATABLE) {
      if (key === 'gridCode' || input[key] === undefined) continue;
      if (input[key] === null || wanted[key] === '')
        problems.add(key, text('must not be empty (leave it out to keep it)', '不能为空（不修改请不填）'));
    }
    if (wanted.gridCode === '') wanted.gridCode = null;
    problems.throwIfAny();
    return this.dataSource.transaction(async (em) => {
      const i = await this.queries.institution(actor, id, em, true);
      if (!ACTIVE_STATES.includes(i.status)) throw institutionClosed(i.status);
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
            {
              path: 'gridCode',
              message: gridOutside(String(after.gridCode), i.townshipCode),
            },
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
        ...institutionPayload(i, i.status, reason.trim()),
        changed,
        before: shown(before),
        after: shown(after),
      });
      return i;
    });
  }

  // ---- internals --------------------------------------------------------------------------------

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
    const problems = new Problems();
    if (input.category === InstitutionCategory.NON_SUBJECT && !input.nonSubjectKind)
      problems.add('nonSubjectKind', text('a non-subject institution needs its kind', '非学科类机构须注明类别'));
    if (input.category === InstitutionCategory.SUBJECT && input.nonSubjectKind)
      problems.add(
        'nonSubjectKind',
        text('a subject institution has no non-subject kind', '学科类机构不填非学科类类别'),
      );
    problems.throwIfAny();
    if (licence) validateLicence(licence);
    await this.reference.getTownship(input.townshipCode);
    await this.reference.getDepartment(input.competentDepartmentCode);
    if (input.gridCode) {
      const grids = await this.reference.gridsOfTownships([input.townshipCode]);
      if (!grids.some((g) => g.code === input.gridCode))
        throw new ValidationFailed([{ path: 'gridCode', message: gridOutside(input.gridCode, input.townshipCode) }]);
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (em) => {
      if (await this.queries.creditCodeRegistered(em, check.code)) throw creditCodeTaken(check.code);
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
      await this.events.publish(em, eventName, institutionPayload(i, null, reason));
      return i;
    });
  }
}
