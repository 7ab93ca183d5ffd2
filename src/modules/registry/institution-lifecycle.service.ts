import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { businessDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { ReferenceFacade } from '../reference';
import { Institution, InstitutionCategory, LegalForm, NonSubjectKind } from './entities/institution.entity';
import { CONVERTIBLE_FROM, LIFECYCLE, Transition, institutionPayload } from './institution-transitions';
import { Licence, Licensing, validateLicence } from './licensing';
import {
  fireAcceptanceRequired,
  illegalTransition,
  noNewSubjectInstitutions,
  notSubjectInstitution,
  subjectCoursesRemain,
} from './registry.errors';
import { RegistryQueries } from './registry.queries';
import { text } from '../../platform/i18n/text';

/**
 * The licensing lifecycle of an institution (the LIFECYCLE table: approve, reject, start operating,
 * suspend, resume, deregister, revoke) and the reduction of subject institutions (压减: conversion to
 * non-subject or non-profit). Each command is one audited, evented change of the locked institution.
 */
@Injectable()
export class InstitutionLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: RegistryQueries,
    private readonly licensing: Licensing,
    private readonly reference: ReferenceFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  approve(actor: Principal, id: string, licence: Licence, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'approved', reason, async (i) => {
      // Defensive: subject institutions cannot be applied for, so none should be waiting.
      if (i.category === InstitutionCategory.SUBJECT) throw noNewSubjectInstitutions();
      validateLicence(licence);
      Object.assign(i, licence);
    });
  }

  reject(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'rejected', reason);
  }

  startOperating(actor: Principal, id: string, reason: string): Promise<Institution> {
    return this.transition(actor, id, 'operating', reason, async (i, em) => {
      if (!(await this.queries.hasFireAcceptedPremises(em, i.id))) throw fireAcceptanceRequired();
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
        throw notSubjectInstitution(
          'convertToNonSubject',
          text('the institution is already NON_SUBJECT', '该机构已是非学科类（NON_SUBJECT）'),
        );
      const today = businessDate(this.clock.now(), this.config.timeZone);
      const running = await this.queries.runningSubjectCourses(em, i.id, today);
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
        throw notSubjectInstitution(
          'convertToNonProfit',
          text('only subject institutions are converted to non-profit', '只有学科类机构才能转为非营利性'),
        );
      if (i.legalForm === LegalForm.NON_PROFIT)
        throw notSubjectInstitution(
          'convertToNonProfit',
          text('the institution is already NON_PROFIT', '该机构已是非营利性（NON_PROFIT）'),
        );
      i.legalForm = LegalForm.NON_PROFIT;
    });
  }

  // ---- internals --------------------------------------------------------------------------------

  /**
   * Suspends (暂停招生/责令停止办学) or revokes (吊销办学许可证) inside the caller's transaction, on the
   * authority of an administrative penalty decision the enforcement module has checked (its deciding
   * department need not be the licensing one): the same LIFECYCLE rule, audit row and event as the
   * suspendInstitution and revokeLicence commands. An institution already SUSPENDED is left as it is
   * for a suspension (null); any other state outside the rule is ILLEGAL_TRANSITION.
   */
  async sanctionIn(
    em: EntityManager,
    actor: Principal,
    id: string,
    sanction: 'suspended' | 'revoked',
    reason: string,
  ): Promise<Institution | null> {
    if (sanction === 'suspended') {
      const current = await this.queries.institution(actor, id, em, true);
      if (current.status === LIFECYCLE.suspended.to) return null;
    }
    return this.applyIn(em, actor, id, sanction, reason);
  }

  private async transition(
    actor: Principal,
    id: string,
    t: Transition,
    reason: string,
    guard?: (i: Institution, em: EntityManager) => Promise<void>,
  ): Promise<Institution> {
    await this.licensing.assertCanCommand(actor);
    return this.dataSource.transaction((em) => this.applyIn(em, actor, id, t, reason, guard));
  }

  private async applyIn(
    em: EntityManager,
    actor: Principal,
    id: string,
    t: Transition,
    reason: string,
    guard?: (i: Institution, em: EntityManager) => Promise<void>,
  ): Promise<Institution> {
    const rule = LIFECYCLE[t];
    const i = await this.queries.institution(actor, id, em, true);
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
    await this.events.publish(em, `registry.institution.${t}`, institutionPayload(i, from, reason));
    return i;
  }

  private async convert(
    actor: Principal,
    id: string,
    to: 'NON_SUBJECT' | 'NON_PROFIT',
    reason: string,
    apply: (i: Institution, em: EntityManager) => Promise<void>,
  ): Promise<Institution> {
    await this.licensing.assertCanCommand(actor);
    const command = to === 'NON_SUBJECT' ? 'convertToNonSubject' : 'convertToNonProfit';
    return this.dataSource.transaction(async (em) => {
      const i = await this.queries.institution(actor, id, em, true);
      if (!CONVERTIBLE_FROM.includes(i.status)) throw illegalTransition(command, i.status, CONVERTIBLE_FROM);
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
        ...institutionPayload(i, i.status, reason),
        convertedTo: to,
        previousCategory,
        nonSubjectKind: i.nonSubjectKind,
        legalForm: i.legalForm,
      });
      return i;
    });
  }
}
