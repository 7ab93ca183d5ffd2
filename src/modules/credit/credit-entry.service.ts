import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { SelfApprovalForbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { NotificationsFacade } from '../notifications';
import { InstitutionSummary, RegistryFacade } from '../registry';
import { actorName, actorUserId, assertApprover, assertProposer, assertReader } from './credit.access';
import { entryCommandAllowed } from './credit-entry-transitions';
import {
  entryAlreadyActive,
  entryStateConflict,
  institutionBlacklisted,
  institutionNotFound,
  notEligibleForWhitelist,
  unknownCreditReason,
} from './credit.errors';
import { expiryOf, findCreditReason } from './data/credit-reasons';
import {
  ACTIVE_ENTRY_STATUSES,
  CreditEntry,
  CreditEntryStatus,
  CreditListKind,
  RemovalGrounds,
} from './entities/credit-entry.entity';
import { CreditRecord } from './entities/credit-record.entity';
import {
  CreditEntryFilter,
  ProposeEntryInput,
  ProposeRemovalInput,
  PublicCreditEntry,
  Standing,
} from './credit-entry.types';
import { CreditQueries } from './credit.queries';
import { JointPunishmentService } from './joint-punishment.service';
import { WhitelistEligibilityService } from './whitelist-eligibility.service';
import { UUID } from '../../platform/ids/uuid';

/**
 * Black / white / grey list entries (黑白名单): proposal → approval by a second person → publication
 * (公示) with effective and expiry dates; removal by appeal or credit repair (信用修复), also two-step;
 * expiry by schedule. Publishing a BLACK entry carries out joint punishment (联合惩戒) in the same
 * transaction.
 */
@Injectable()
export class CreditEntryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: CreditQueries,
    private readonly punishment: JointPunishmentService,
    private readonly registry: RegistryFacade,
    private readonly notifications: NotificationsFacade,
    private readonly eligibility: WhitelistEligibilityService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private today(): string {
    return businessDate(this.clock.now(), this.config.timeZone);
  }

  async propose(actor: Principal, input: ProposeEntryInput): Promise<CreditEntry> {
    assertProposer(actor);
    const reason = findCreditReason(input.reasonCode);
    if (!reason || reason.kind !== input.kind) throw unknownCreditReason(input.reasonCode, input.kind);
    if (!input.reason?.trim()) throw new ValidationFailed([{ path: 'reason', message: 'is required' }]);
    if (input.kind === CreditListKind.BLACK && !(input.evidence?.length || input.recordIds?.length)) {
      throw new ValidationFailed([
        { path: 'evidence', message: 'a black-list proposal needs evidence or credit records' },
      ]);
    }
    const institution = await this.registry.findInstitution({ id: input.institutionId });
    if (!institution) throw institutionNotFound(input.institutionId);
    return this.dataSource.transaction((em) => this.proposeIn(em, actor, institution, input));
  }

  /** Proposes inside the caller's transaction (the weekly whitelist review proposes as the service). */
  async proposeIn(
    em: EntityManager,
    actor: Principal,
    institution: InstitutionSummary,
    input: ProposeEntryInput,
  ): Promise<CreditEntry> {
    const recordIds = [...new Set(input.recordIds ?? [])];
    if (recordIds.some((id) => !UUID.test(id)))
      throw new ValidationFailed([{ path: 'recordIds', message: 'must be credit record ids' }]);
    if (recordIds.length) {
      const found = await em.countBy(CreditRecord, { id: In(recordIds), institutionId: institution.id });
      if (found !== recordIds.length)
        throw new ValidationFailed([{ path: 'recordIds', message: "are not all this institution's credit records" }]);
    }
    // Serialise decisions about one institution (two proposals at once, a proposal racing a publication).
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('credit_entry'), hashtext($1))`, [institution.id]);
    const active = await em.findBy(CreditEntry, {
      institutionId: institution.id,
      status: In([...ACTIVE_ENTRY_STATUSES]),
    });
    if (active.some((e) => e.kind === input.kind)) throw entryAlreadyActive(input.kind);
    if (input.kind !== CreditListKind.BLACK && active.some((e) => e.kind === CreditListKind.BLACK))
      throw institutionBlacklisted();
    if (input.kind === CreditListKind.WHITE) {
      const [check] = await this.eligibility.evaluate([institution.id], this.clock.now(), em);
      if (!check?.eligible) throw notEligibleForWhitelist(check?.reasons ?? ['unknown institution']);
    }
    const now = this.clock.now();
    const entry = em.create(CreditEntry, {
      institutionId: institution.id,
      institutionName: institution.name,
      creditCode: institution.creditCode,
      townshipCode: institution.townshipCode,
      kind: input.kind,
      reasonCode: input.reasonCode,
      reason: input.reason.trim(),
      evidence: (input.evidence ?? []).map((e) => ({ kind: e.kind, reference: e.reference, note: e.note ?? null })),
      recordIds,
      status: CreditEntryStatus.PROPOSED,
      effectiveOn: null,
      expiresOn: null,
      proposedByUserId: actorUserId(actor),
      proposedByName: actorName(actor),
      proposedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.save(entry);
    } catch (e) {
      if (e instanceof QueryFailedError && (e as { code?: string }).code === '23505')
        throw entryAlreadyActive(input.kind);
      throw e;
    }
    await this.audit.record(em, {
      actor,
      action: 'credit.entry.proposed',
      entityType: 'credit_entry',
      entityId: entry.id,
      summary: { institutionId: institution.id, kind: entry.kind, reasonCode: entry.reasonCode, recordIds },
    });
    await this.notifications.notify(
      em,
      { departmentCodes: ['EDU'], roles: [Role.COUNTY_ADMIN] },
      {
        kind: 'credit.entry.proposed',
        title: `名单待审批: ${institution.name} (${entry.kind})`,
        body: `${actorName(actor)} proposed ${institution.name} (${institution.creditCode}) for the ${entry.kind} list: ${entry.reason}`,
        entityType: 'credit_entry',
        entityId: entry.id,
      },
    );
    return entry;
  }

  /** Second step: publishes the entry (公示); a BLACK entry triggers joint punishment in the same transaction. */
  async approve(actor: Principal, id: string, note?: string | null): Promise<CreditEntry> {
    assertApprover(actor);
    return this.dataSource.transaction(async (em) => {
      const entry = await this.queries.lockEntry(em, id);
      if (entry.proposedByUserId === actor.userId) throw new SelfApprovalForbidden();
      if (!entryCommandAllowed('approved', entry.status)) throw entryStateConflict(entry.status, 'approved');
      const institution = await this.registry.findInstitution({ id: entry.institutionId });
      if (!institution) throw institutionNotFound(entry.institutionId);
      const others = await em.findBy(CreditEntry, {
        institutionId: entry.institutionId,
        status: In([...ACTIVE_ENTRY_STATUSES]),
      });
      if (entry.kind !== CreditListKind.BLACK && others.some((e) => e.kind === CreditListKind.BLACK))
        throw institutionBlacklisted();
      if (entry.kind === CreditListKind.WHITE) {
        const [check] = await this.eligibility.evaluate([entry.institutionId], this.clock.now(), em);
        if (!check?.eligible) throw notEligibleForWhitelist(check?.reasons ?? []);
      }
      const now = this.clock.now();
      const effectiveOn = this.today();
      const reason = findCreditReason(entry.reasonCode);
      Object.assign(entry, {
        status: CreditEntryStatus.PUBLISHED,
        institutionName: institution.name,
        creditCode: institution.creditCode,
        townshipCode: institution.townshipCode,
        effectiveOn,
        expiresOn: expiryOf(effectiveOn, reason ? reason.durationMonths : 12),
        decidedByUserId: actor.userId,
        decidedByName: actor.username,
        decidedAt: now,
        decisionNote: note?.trim() || null,
        updatedAt: now,
      });
      await em.save(entry);
      await this.audit.record(em, {
        actor,
        action: 'credit.entry.published',
        entityType: 'credit_entry',
        entityId: entry.id,
        summary: {
          from: CreditEntryStatus.PROPOSED,
          to: CreditEntryStatus.PUBLISHED,
          kind: entry.kind,
          effectiveOn,
          expiresOn: entry.expiresOn,
          note: entry.decisionNote,
        },
      });
      if (entry.kind === CreditListKind.BLACK) {
        for (const other of others.filter((e) => e.id !== entry.id && e.kind !== CreditListKind.BLACK))
          await this.punishment.supersede(em, actor, other, entry);
        await this.punishment.apply(em, entry);
      } else if (entry.kind === CreditListKind.WHITE) {
        await this.events.publish(em, 'credit.whitelist.published', this.punishment.listPayload(entry));
      } else {
        await this.notifications.notify(
          em,
          { departmentCodes: ['EDU'], townshipCodes: [entry.townshipCode] },
          {
            kind: 'credit.greylist.published',
            title: `重点关注: ${entry.institutionName}`,
            body: entry.reason,
            entityType: 'credit_entry',
            entityId: entry.id,
          },
        );
      }
      return entry;
    });
  }

  async reject(actor: Principal, id: string, note: string): Promise<CreditEntry> {
    assertApprover(actor);
    const why = requireNote(note);
    return this.dataSource.transaction(async (em) => {
      const entry = await this.queries.lockEntry(em, id);
      if (entry.proposedByUserId === actor.userId) throw new SelfApprovalForbidden();
      if (!entryCommandAllowed('rejected', entry.status)) throw entryStateConflict(entry.status, 'rejected');
      const now = this.clock.now();
      Object.assign(entry, {
        status: CreditEntryStatus.REJECTED,
        decidedByUserId: actor.userId,
        decidedByName: actor.username,
        decidedAt: now,
        decisionNote: why,
        endedAt: now,
        updatedAt: now,
      });
      await em.save(entry);
      await this.audit.record(em, {
        actor,
        action: 'credit.entry.rejected',
        entityType: 'credit_entry',
        entityId: id,
        summary: { from: CreditEntryStatus.PROPOSED, to: entry.status, note: why },
      });
      return entry;
    });
  }

  /** Removal by appeal (申诉) or credit repair (信用修复) after rectification: the first of two steps. */
  async proposeRemoval(actor: Principal, id: string, input: ProposeRemovalInput): Promise<CreditEntry> {
    assertProposer(actor);
    const why = requireNote(input.note);
    if (input.grounds === RemovalGrounds.CREDIT_REPAIR && !input.evidence?.length) {
      throw new ValidationFailed([{ path: 'evidence', message: 'credit repair needs evidence of the rectification' }]);
    }
    return this.dataSource.transaction(async (em) => {
      const entry = await this.queries.lockEntry(em, id);
      if (!entryCommandAllowed('proposed for removal', entry.status))
        throw entryStateConflict(entry.status, 'proposed for removal');
      const now = this.clock.now();
      Object.assign(entry, {
        status: CreditEntryStatus.REMOVAL_PROPOSED,
        removalGrounds: input.grounds,
        removalNote: why,
        removalEvidence: (input.evidence ?? []).map((e) => ({
          kind: e.kind,
          reference: e.reference,
          note: e.note ?? null,
        })),
        removalProposedByUserId: actorUserId(actor),
        removalProposedByName: actorName(actor),
        removalProposedAt: now,
        updatedAt: now,
      });
      await em.save(entry);
      await this.audit.record(em, {
        actor,
        action: 'credit.entry.removal_proposed',
        entityType: 'credit_entry',
        entityId: id,
        summary: { grounds: input.grounds, note: why },
      });
      await this.notifications.notify(
        em,
        { departmentCodes: ['EDU'], roles: [Role.COUNTY_ADMIN] },
        {
          kind: 'credit.entry.removal_proposed',
          title: `移出名单待审批: ${entry.institutionName} (${entry.kind})`,
          body: why,
          entityType: 'credit_entry',
          entityId: id,
        },
      );
      return entry;
    });
  }

  async approveRemoval(actor: Principal, id: string, note?: string | null): Promise<CreditEntry> {
    assertApprover(actor);
    return this.dataSource.transaction(async (em) => {
      const entry = await this.queries.lockEntry(em, id);
      if (entry.removalProposedByUserId === actor.userId) throw new SelfApprovalForbidden();
      if (!entryCommandAllowed('removed', entry.status)) throw entryStateConflict(entry.status, 'removed');
      const now = this.clock.now();
      Object.assign(entry, {
        status: CreditEntryStatus.REMOVED,
        removalDecidedByUserId: actor.userId,
        removalDecidedByName: actor.username,
        removalDecidedAt: now,
        removalDecisionNote: note?.trim() || null,
        endedAt: now,
        updatedAt: now,
      });
      await em.save(entry);
      await this.audit.record(em, {
        actor,
        action: 'credit.entry.removed',
        entityType: 'credit_entry',
        entityId: id,
        summary: { grounds: entry.removalGrounds, note: entry.removalDecisionNote },
      });
      await this.events.publish(em, 'credit.entry.removed', {
        entryId: id,
        institutionId: entry.institutionId,
        kind: entry.kind,
        grounds: entry.removalGrounds ?? '',
      });
      if (entry.kind === CreditListKind.BLACK) {
        await this.notifications.notify(
          em,
          { departmentCodes: await this.punishment.punishmentDepartments(), townshipCodes: [entry.townshipCode] },
          {
            kind: 'credit.blacklist.removed',
            title: `移出黑名单: ${entry.institutionName}`,
            body: `${entry.institutionName} (${entry.creditCode}) left the black list (${entry.removalGrounds}): ${entry.removalNote}. Lift the joint punishment measures.`,
            entityType: 'credit_entry',
            entityId: id,
          },
        );
      }
      return entry;
    });
  }

  async rejectRemoval(actor: Principal, id: string, note: string): Promise<CreditEntry> {
    assertApprover(actor);
    const why = requireNote(note);
    return this.dataSource.transaction(async (em) => {
      const entry = await this.queries.lockEntry(em, id);
      if (entry.removalProposedByUserId === actor.userId) throw new SelfApprovalForbidden();
      if (!entryCommandAllowed('kept after a removal proposal', entry.status))
        throw entryStateConflict(entry.status, 'kept after a removal proposal');
      await this.audit.record(em, {
        actor,
        action: 'credit.entry.removal_rejected',
        entityType: 'credit_entry',
        entityId: id,
        summary: {
          grounds: entry.removalGrounds,
          proposal: entry.removalNote,
          proposedBy: entry.removalProposedByName,
          note: why,
        },
      });
      Object.assign(entry, {
        status: CreditEntryStatus.PUBLISHED,
        removalGrounds: null,
        removalNote: null,
        removalEvidence: [],
        removalProposedByUserId: null,
        removalProposedByName: null,
        removalProposedAt: null,
        updatedAt: this.clock.now(),
      });
      await em.save(entry);
      return entry;
    });
  }

  /** Entries whose last day in force is before today's business date leave the lists (scheduled). */
  async expireDue(now: Date): Promise<number> {
    const today = businessDate(now, this.config.timeZone);
    const actor = systemPrincipal('credit.entry-expiry');
    return this.dataSource.transaction(async (em) => {
      const due = await this.queries.dueForExpiry(em, today);
      for (const entry of due) {
        const from = entry.status;
        Object.assign(entry, { status: CreditEntryStatus.EXPIRED, endedAt: now, updatedAt: now });
        await em.save(entry);
        await this.audit.record(em, {
          actor,
          action: 'credit.entry.expired',
          entityType: 'credit_entry',
          entityId: entry.id,
          summary: { from, to: entry.status, expiresOn: entry.expiresOn },
        });
        await this.events.publish(em, 'credit.entry.expired', {
          entryId: entry.id,
          institutionId: entry.institutionId,
          kind: entry.kind,
          expiresOn: entry.expiresOn ?? '',
        });
        if (entry.kind === CreditListKind.BLACK) {
          await this.notifications.notify(
            em,
            { departmentCodes: await this.punishment.punishmentDepartments(), townshipCodes: [entry.townshipCode] },
            {
              kind: 'credit.blacklist.expired',
              title: `黑名单期满: ${entry.institutionName}`,
              body: `${entry.institutionName} (${entry.creditCode}) left the black list: its term ended on ${entry.expiresOn}. Lift the joint punishment measures.`,
              entityType: 'credit_entry',
              entityId: entry.id,
            },
          );
        }
      }
      return due.length;
    });
  }

  async get(actor: Principal, id: string): Promise<CreditEntry> {
    assertReader(actor);
    return this.queries.get(actor, id);
  }

  async list(actor: Principal, filter: CreditEntryFilter, page: PageArgs): Promise<Connection<CreditEntry>> {
    assertReader(actor);
    return this.queries.list(actor, filter, page);
  }

  /** The public list (公示): published entries only, public fields only, newest first. */
  publicList(
    filter: { kind: CreditListKind.BLACK | CreditListKind.WHITE; townshipCode?: string; search?: string },
    page: PageArgs,
  ): Promise<Connection<PublicCreditEntry>> {
    return this.queries.publicList(filter, page);
  }

  /** Public standing of institutions: BLACK over GREY over WHITE, or NONE (for DataLoaders). */
  standings(institutionIds: readonly string[]): Promise<Standing[]> {
    return this.queries.standings(institutionIds);
  }

  /** The same by unified social credit code (the public profile is looked up by code). */
  standingsByCreditCode(creditCodes: readonly string[]): Promise<(Standing & { creditCode: string })[]> {
    return this.queries.standingsByCreditCode(creditCodes);
  }
}

function requireNote(note: string | null | undefined): string {
  const why = note?.trim();
  if (!why) throw new ValidationFailed([{ path: 'note', message: 'is required' }]);
  return why.slice(0, 1000);
}
