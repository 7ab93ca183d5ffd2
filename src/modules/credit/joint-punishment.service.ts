import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { EscrowFacade } from '../escrow';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { actorName, actorUserId } from './credit.access';
import { supersededStatus } from './credit-entry-transitions';
import { findCreditReason } from './data/credit-reasons';
import { CreditEntry, CreditEntryStatus, RemovalGrounds } from './entities/credit-entry.entity';

const JOINT_PUNISHMENT_DUTY = 'JOINT_PUNISHMENT';
/** Whoever acts for the service in the joint punishment it triggers (the freeze instruction). */
const JOINT_PUNISHMENT = systemPrincipal('credit.joint-punishment');

/**
 * What publishing a BLACK entry carries out (联合惩戒), in the approving transaction: the institution's
 * other entries superseded, duty departments notified, the escrow account frozen, the export event.
 */
@Injectable()
export class JointPunishmentService {
  private readonly logger = new Logger('CreditEntries');

  constructor(
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly escrow: EscrowFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /** Blacklisting takes the institution off the white (and grey) list, recorded like any removal. */
  async supersede(em: EntityManager, actor: Principal, other: CreditEntry, black: CreditEntry): Promise<void> {
    const now = this.clock.now();
    const from = other.status;
    Object.assign(other, {
      status: supersededStatus(other.status),
      removalGrounds: RemovalGrounds.SUPERSEDED_BY_BLACKLIST,
      removalNote: `black-list entry ${black.id} published`,
      removalDecidedByUserId: actorUserId(actor),
      removalDecidedByName: actorName(actor),
      removalDecidedAt: now,
      endedAt: now,
      updatedAt: now,
    });
    await em.save(other);
    await this.audit.record(em, {
      actor,
      action: 'credit.entry.removed',
      entityType: 'credit_entry',
      entityId: other.id,
      summary: { from, to: other.status, grounds: RemovalGrounds.SUPERSEDED_BY_BLACKLIST, blackEntryId: black.id },
    });
    if (from !== CreditEntryStatus.PROPOSED) {
      await this.events.publish(em, 'credit.entry.removed', {
        entryId: other.id,
        institutionId: other.institutionId,
        kind: other.kind,
        grounds: RemovalGrounds.SUPERSEDED_BY_BLACKLIST,
      });
    }
  }

  /** Joint punishment (联合惩戒): duty departments notified, the escrow account frozen, the export event. */
  async apply(em: EntityManager, entry: CreditEntry): Promise<void> {
    const reasonName = findCreditReason(entry.reasonCode)?.name ?? entry.reasonCode;
    const until = entry.expiresOn ?? '永久 (permanent)';
    await this.notifications.notify(
      em,
      { departmentCodes: await this.punishmentDepartments(), townshipCodes: [entry.townshipCode] },
      {
        kind: 'credit.blacklist.published',
        title: `联合惩戒: ${entry.institutionName} 列入黑名单`,
        body: `${entry.institutionName} (${entry.creditCode}) is on the black list from ${entry.effectiveOn} to ${until} (${reasonName}). Apply the joint punishment measures within your duties.`,
        entityType: 'credit_entry',
        entityId: entry.id,
      },
    );
    const freeze = await this.escrow.requestFreeze(em, {
      institutionId: entry.institutionId,
      reason: `黑名单 ${entry.id}: ${reasonName}`,
      actor: JOINT_PUNISHMENT,
    });
    if (!freeze.issued) this.logger.warn(`black-list entry ${entry.id}: no freeze issued (${freeze.reason})`);
    await this.audit.record(em, {
      actor: JOINT_PUNISHMENT,
      action: 'credit.joint_punishment.applied',
      entityType: 'credit_entry',
      entityId: entry.id,
      summary: { freeze },
    });
    await this.events.publish(em, 'credit.blacklist.published', this.listPayload(entry));
  }

  async punishmentDepartments(): Promise<string[]> {
    return [...new Set(['EDU', ...(await this.reference.departmentsWithDuty(JOINT_PUNISHMENT_DUTY))])];
  }

  listPayload(entry: CreditEntry) {
    return {
      entryId: entry.id,
      institutionId: entry.institutionId,
      creditCode: entry.creditCode,
      name: entry.institutionName,
      reason: findCreditReason(entry.reasonCode)?.name ?? entry.reasonCode,
      effectiveOn: entry.effectiveOn ?? '',
      expiresOn: entry.expiresOn,
    };
  }
}
