import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Principal, hasRole } from '../auth/principal';
import { Role } from '../auth/role';
import { Forbidden } from '../errors/domain-error';
import { Clock } from '../clock/clock';
import { Connection, PageArgs, paginate } from '../graphql/pagination';
import { currentRequestId } from '../logging/request-context';
import { AuditActorKind, AuditLogEntry } from './audit-log.entity';
import { text } from '../i18n/text';

export interface AuditEntry {
  actor: Principal;
  /** `module.thing.verb`, e.g. `identity.user.created`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** What changed (before/after of the fields that matter). Secrets are redacted regardless. */
  summary?: Record<string, unknown>;
}

export interface AuditFilter {
  actorUserId?: string;
  actorBankKeyId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

const SECRET_KEY = /password|secret|token/i;

/** Replaces the value of any key that names a password, secret or token (at any depth). */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redactSecrets(v)]),
    );
  }
  return value;
}

/** The actor columns of an audit row. */
export function actorColumns(actor: Principal): {
  actorKind: AuditActorKind;
  actorUserId: string | null;
  actorBankKeyId: string | null;
  actorName: string | null;
} {
  switch (actor.kind) {
    case 'user':
      return { actorKind: 'user', actorUserId: actor.userId, actorBankKeyId: null, actorName: actor.username };
    case 'bank':
      return { actorKind: 'bank', actorUserId: null, actorBankKeyId: actor.keyId, actorName: actor.bankCode };
    case 'platform':
      // actor_bank_key_id holds the partner's API key id; the kind says which store issued it.
      return { actorKind: 'platform', actorUserId: null, actorBankKeyId: actor.keyId, actorName: actor.platformCode };
    case 'creditPlatform':
      return {
        actorKind: 'credit_platform',
        actorUserId: null,
        actorBankKeyId: actor.keyId,
        actorName: actor.creditPlatformCode,
      };
    case 'system':
      return { actorKind: 'system', actorUserId: null, actorBankKeyId: null, actorName: actor.name };
    case 'anonymous':
      return { actorKind: 'anonymous', actorUserId: null, actorBankKeyId: null, actorName: null };
  }
}

/** The append-only audit log: who did what to which record, when, in which request. */
@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(AuditLogEntry) private readonly entries: Repository<AuditLogEntry>,
  ) {}

  /** Writes an entry with the caller's EntityManager, inside the transaction of the change it records. */
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    await this.recordMany(em, [entry]);
  }

  /**
   * Writes several entries in one multi-row INSERT (a batch of changes in one transaction: the platform
   * ingest), with the caller's EntityManager inside the transaction of the changes. Nothing for none.
   */
  async recordMany(em: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (!em.queryRunner?.isTransactionActive)
      throw new Error('AuditService.record must run inside the transaction of the change');
    if (entries.length === 0) return;
    const occurredAt = this.clock.now();
    const requestId = currentRequestId() ?? null;
    const rows: Omit<AuditLogEntry, 'id'>[] = entries.map((entry) => ({
      occurredAt,
      ...actorColumns(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      requestId,
      summary: redactSecrets(entry.summary ?? {}) as Record<string, unknown>,
    }));
    for (let i = 0; i < rows.length; i += 1000)
      // 9 parameters a row, well under PostgreSQL's 65,535
      await em
        .createQueryBuilder()
        .insert()
        .into(AuditLogEntry)
        .values(rows.slice(i, i + 1000) as QueryDeepPartialEntity<AuditLogEntry>[])
        .updateEntity(false)
        .execute();
  }

  /** Newest first; for COUNTY_ADMIN and DISCIPLINE_SUPERVISOR only ("监督的再监督"). */
  list(actor: Principal, filter: AuditFilter, page: PageArgs): Promise<Connection<AuditLogEntry>> {
    if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
      throw new Forbidden(
        text(
          'Only the county office and discipline supervisors may read the audit log',
          '只有县级管理部门和纪检监督人员可以查阅审计日志',
        ),
      );
    const qb = this.entries.createQueryBuilder('a');
    if (filter.actorUserId) qb.andWhere('a.actor_user_id = :actorUserId', { actorUserId: filter.actorUserId });
    if (filter.actorBankKeyId)
      qb.andWhere('a.actor_bank_key_id = :actorBankKeyId', { actorBankKeyId: filter.actorBankKeyId });
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.from) qb.andWhere('a.occurred_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.occurred_at < :to', { to: filter.to });
    return paginate(qb, page, {
      list: 'audit.log',
      valueType: 'timestamp',
      tieType: 'int',
      column: 'a.occurred_at',
      value: (e) => e.occurredAt,
      tieBreaker: 'a.id',
      tieValue: (e) => String(e.id),
      direction: 'DESC',
    });
  }
}
