import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { SelfApprovalForbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { InstitutionSummary, RegistryFacade } from '../registry';
import { actorName, actorUserId, assertApprover, assertProposer } from './credit.access';
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
import { CreditEntry, CreditEntryStatus, CreditListKind } from './entities/credit-entry.entity';
import { ProposeEntryInput, requireNote } from './credit-entry.types';
import { CreditQueries } from './credit.queries';
import { JointPunishmentService } from './joint-punishment.service';
import { WhitelistEligibilityService } from './whitelist-eligibility.service';
import { UUID } from '../../platform/ids/uuid';
import { text } from '../../platform/i18n/text';

/**
 * The entry workflow of the black / white / grey lists (黑白名单): proposal → approval by a second person →
 * publication (公示) with effective and expiry dates, or rejection. Publishing a BLACK entry carries out
 * joint punishment (联合惩戒) in the same transaction. How a published entry leaves the lists (removal,
 * expiry) is CreditEntryLifecycleService; reads are CreditQueries.
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
    if (!input.reason?.trim())
      throw new ValidationFailed([{ path: 'reason', message: text('is required', '必须填写') }]);
    if (input.kind === CreditListKind.BLACK && !(input.evidence?.length || input.recordIds?.length)) {
      throw new ValidationFailed([
        {
          path: 'evidence',
          message: text(
            'a black-list proposal needs evidence or credit records',
            '提议列入黑名单须提供证明材料或信用记录',
          ),
        },
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
      throw new ValidationFailed([
        { path: 'recordIds', message: text('must be credit record ids', '须为信用记录 id') },
      ]);
    if (recordIds.length) {
      const found = await this.queries.countRecordsOf(em, institution.id, recordIds);
      if (found !== recordIds.length)
        throw new ValidationFailed([
          {
            path: 'recordIds',
            message: text("are not all this institution's credit records", '其中有不属于该机构的信用记录'),
          },
        ]);
    }
    // Serialise decisions about one institution (two proposals at once, a proposal racing a publication).
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('credit_entry'), hashtext($1))`, [institution.id]);
    const active = await this.queries.activeEntries(em, institution.id);
    if (active.some((e) => e.kind === input.kind)) throw entryAlreadyActive(input.kind);
    if (input.kind !== CreditListKind.BLACK && active.some((e) => e.kind === CreditListKind.BLACK))
      throw institutionBlacklisted();
    if (input.kind === CreditListKind.WHITE) {
      const [check] = await this.eligibility.evaluate([institution.id], this.clock.now(), em);
      if (!check?.eligible)
        throw notEligibleForWhitelist(check?.reasonTexts ?? [text('unknown institution', '机构不存在')]);
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
      const others = await this.queries.activeEntries(em, entry.institutionId);
      if (entry.kind !== CreditListKind.BLACK && others.some((e) => e.kind === CreditListKind.BLACK))
        throw institutionBlacklisted();
      if (entry.kind === CreditListKind.WHITE) {
        const [check] = await this.eligibility.evaluate([entry.institutionId], this.clock.now(), em);
        if (!check?.eligible) throw notEligibleForWhitelist(check?.reasonTexts ?? []);
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
}
