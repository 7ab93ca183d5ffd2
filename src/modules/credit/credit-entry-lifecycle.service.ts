import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { SelfApprovalForbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { actorName, actorUserId, assertApprover, assertProposer } from './credit.access';
import { entryCommandAllowed } from './credit-entry-transitions';
import { entryStateConflict } from './credit.errors';
import { CreditEntry, CreditEntryStatus, CreditListKind, RemovalGrounds } from './entities/credit-entry.entity';
import { ProposeRemovalInput, requireNote } from './credit-entry.types';
import { CreditQueries } from './credit.queries';
import { JointPunishmentService } from './joint-punishment.service';
import { text } from '../../platform/i18n/text';

/**
 * How a published list entry leaves the lists: removal by appeal (申诉) or credit repair (信用修复), two-step
 * like the entry itself (proposed, then approved or rejected by a second person); and expiry by schedule
 * once its last day in force has passed. A BLACK entry leaving tells the duty departments to lift the joint
 * punishment measures.
 */
@Injectable()
export class CreditEntryLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: CreditQueries,
    private readonly punishment: JointPunishmentService,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Removal by appeal (申诉) or credit repair (信用修复) after rectification: the first of two steps. */
  async proposeRemoval(actor: Principal, id: string, input: ProposeRemovalInput): Promise<CreditEntry> {
    assertProposer(actor);
    const why = requireNote(input.note);
    if (input.grounds === RemovalGrounds.CREDIT_REPAIR && !input.evidence?.length) {
      throw new ValidationFailed([
        {
          path: 'evidence',
          message: text('credit repair needs evidence of the rectification', '信用修复须提供整改证明材料'),
        },
      ]);
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
}
