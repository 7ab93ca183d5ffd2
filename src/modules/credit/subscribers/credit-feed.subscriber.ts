import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { businessDate } from '../../../platform/clock/business-time';
import { DomainEvent, OnEvent } from '../../../platform/events';
import { CreditEntry } from '../entities/credit-entry.entity';
import { CreditFeedKind, isSharedListKind, listEntryRecord, penaltyRecord } from '../feed/credit-feed-records';
import { CreditFeedService } from '../feed/credit-feed.service';

type ListEntryEvent =
  | DomainEvent<'credit.blacklist.published'>
  | DomainEvent<'credit.whitelist.published'>
  | DomainEvent<'credit.entry.removed'>
  | DomainEvent<'credit.entry.expired'>;

/**
 * Fills the credit feed the credit-sharing platform pulls (ADR 0030): one item per published, removed or
 * expired black or white list entry and per published or withdrawn penalty decision. Each handler runs
 * once per event in its own transaction (ADR 0003). Penalties come from the enforcement module's events;
 * their payload is all the feed needs, so credit imports nothing of enforcement.
 */
@Injectable()
export class CreditFeedSubscriber {
  constructor(
    private readonly feed: CreditFeedService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @OnEvent('credit.blacklist.published', { name: 'credit.feed-blacklist-published' })
  onBlacklistPublished(event: DomainEvent<'credit.blacklist.published'>, em: EntityManager): Promise<void> {
    return this.listEntry(event, em, CreditFeedKind.LIST_ENTRY_PUBLISHED, event.payload.entryId, null);
  }

  @OnEvent('credit.whitelist.published', { name: 'credit.feed-whitelist-published' })
  onWhitelistPublished(event: DomainEvent<'credit.whitelist.published'>, em: EntityManager): Promise<void> {
    return this.listEntry(event, em, CreditFeedKind.LIST_ENTRY_PUBLISHED, event.payload.entryId, null);
  }

  @OnEvent('credit.entry.removed', { name: 'credit.feed-entry-removed' })
  onRemoved(event: DomainEvent<'credit.entry.removed'>, em: EntityManager): Promise<void> {
    const { entryId, grounds } = event.payload;
    return this.listEntry(event, em, CreditFeedKind.LIST_ENTRY_REMOVED, entryId, grounds || null);
  }

  @OnEvent('credit.entry.expired', { name: 'credit.feed-entry-expired' })
  onExpired(event: DomainEvent<'credit.entry.expired'>, em: EntityManager): Promise<void> {
    return this.listEntry(event, em, CreditFeedKind.LIST_ENTRY_EXPIRED, event.payload.entryId, null);
  }

  @OnEvent('enforcement.penalty.published', { name: 'credit.feed-penalty-published' })
  async onPenaltyPublished(event: DomainEvent<'enforcement.penalty.published'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.feed.append(em, event, {
      kind: CreditFeedKind.PENALTY_PUBLISHED,
      subjectId: p.penaltyId,
      institutionId: p.institutionId,
      record: penaltyRecord(p, null),
    });
  }

  @OnEvent('enforcement.penalty.withdrawn', { name: 'credit.feed-penalty-withdrawn' })
  async onPenaltyWithdrawn(event: DomainEvent<'enforcement.penalty.withdrawn'>, em: EntityManager): Promise<void> {
    const p = event.payload;
    await this.feed.append(em, event, {
      kind: CreditFeedKind.PENALTY_WITHDRAWN,
      subjectId: p.penaltyId,
      institutionId: p.institutionId,
      record: penaltyRecord(p, p.reason),
    });
  }

  /**
   * A list entry's item, from credit's own entry row (name, code, reason and dates do not change once
   * published) and the change the event names. Grey-list entries stay inside the county: no item.
   */
  private async listEntry(
    event: ListEntryEvent,
    em: EntityManager,
    kind: CreditFeedKind,
    entryId: string,
    removalGrounds: string | null,
  ): Promise<void> {
    const entry = await em.findOneBy(CreditEntry, { id: entryId });
    if (!entry || !isSharedListKind(entry.kind)) return;
    const status =
      kind === CreditFeedKind.LIST_ENTRY_PUBLISHED
        ? 'PUBLISHED'
        : kind === CreditFeedKind.LIST_ENTRY_REMOVED
          ? 'REMOVED'
          : 'EXPIRED';
    const endedOn = businessDate(new Date(event.occurredAt), this.config.timeZone);
    await this.feed.append(em, event, {
      kind,
      subjectId: entry.id,
      institutionId: entry.institutionId,
      record: listEntryRecord(entry, { status, endedOn, removalGrounds }),
    });
  }
}
