import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { RegistryFacade } from '../registry';
import { actorName, actorUserId, assertApprover, assertRecorder } from './credit.access';
import { creditRecordNotFound, institutionNotFound, recordAlreadyRevoked } from './credit.errors';
import { CreditQueries } from './credit.queries';
import {
  CreditRecord,
  CreditRecordKind,
  CreditRecordSource,
  CreditRecordStatus,
  CreditSeverity,
  EvidenceRef,
} from './entities/credit-record.entity';
import { UUID } from '../../platform/ids/uuid';
import { text } from '../../platform/i18n/text';

interface NewCreditRecord {
  institutionId: string;
  staffId?: string | null;
  kind: CreditRecordKind;
  source: CreditRecordSource;
  severity: CreditSeverity | null;
  summary: string;
  evidence?: EvidenceRef[];
  /** Business date of the fact (YYYY-MM-DD); default today. */
  occurredOn?: string;
  /** …or the instant of the fact (its business date is taken). */
  occurredAt?: string | Date;
  /** The event, alert or finding it comes from: one record per source and reference. */
  sourceReference?: string | null;
}

/** Credit records (信用记录): created by officers and by subscribers to other modules' events; revoked, never deleted. */
@Injectable()
export class CreditRecordService {
  private readonly logger = new Logger('CreditRecords');

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: RegistryFacade,
    private readonly queries: CreditQueries,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An officer's manual record (source MANUAL, or a finding they enter by hand). */
  async record(actor: Principal, input: NewCreditRecord): Promise<CreditRecord> {
    assertRecorder(actor);
    validate(input, businessDate(this.clock.now(), this.config.timeZone));
    return this.dataSource.transaction(async (em) => {
      const record = await this.createIn(em, actor, input);
      if (!record)
        throw new ValidationFailed([
          {
            path: 'sourceReference',
            message: text('a record with this source and reference exists already', '相同来源和来源编号的记录已存在'),
          },
        ]);
      return record;
    });
  }

  /**
   * Creates a record inside the caller's transaction, audited and announced (credit.record.created).
   * Returns null when the source reference was recorded before (a redelivered event) or, for a
   * subscriber, when the institution is unknown.
   */
  async createIn(em: EntityManager, actor: Principal, input: NewCreditRecord): Promise<CreditRecord | null> {
    const institution = await this.registry.findInstitution({ id: input.institutionId });
    if (!institution) {
      if (actor.kind === 'user') throw institutionNotFound(input.institutionId);
      this.logger.warn(`credit record for unknown institution ${input.institutionId} (${input.source}) skipped`);
      return null;
    }
    const now = this.clock.now();
    const result = await em
      .createQueryBuilder()
      .insert()
      .into(CreditRecord)
      .values({
        institutionId: institution.id,
        staffId: input.staffId ?? null,
        townshipCode: institution.townshipCode,
        kind: input.kind,
        source: input.source,
        severity: input.kind === CreditRecordKind.COMMENDATION ? (input.severity ?? null) : input.severity,
        summary: input.summary.trim().slice(0, 500),
        evidence: (input.evidence ?? []).map((e) => ({ kind: e.kind, reference: e.reference, note: e.note ?? null })),
        occurredOn:
          input.occurredOn ?? businessDate(input.occurredAt ? new Date(input.occurredAt) : now, this.config.timeZone),
        sourceReference: input.sourceReference ?? null,
        status: CreditRecordStatus.ACTIVE,
        createdByUserId: actorUserId(actor),
        createdByName: actorName(actor),
        createdAt: now,
      })
      .orIgnore()
      .returning('id')
      .execute();
    const id = (result.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    const record = await em.findOneByOrFail(CreditRecord, { id });
    await this.audit.record(em, {
      actor,
      action: 'credit.record.created',
      entityType: 'credit_record',
      entityId: id,
      summary: {
        institutionId: record.institutionId,
        kind: record.kind,
        source: record.source,
        severity: record.severity,
        sourceReference: record.sourceReference,
      },
    });
    await this.events.publish(em, 'credit.record.created', {
      recordId: id,
      institutionId: record.institutionId,
      source: record.source,
      severity: record.severity,
    });
    return record;
  }

  async revoke(actor: Principal, id: string, reason: string): Promise<CreditRecord> {
    assertApprover(actor);
    const why = reason.trim();
    if (!why) throw new ValidationFailed([{ path: 'reason', message: text('is required', '必须填写') }]);
    if (!UUID.test(id)) throw creditRecordNotFound(id);
    return this.dataSource.transaction(async (em) => {
      const record = await this.queries.lockRecord(em, id);
      if (!record) throw creditRecordNotFound(id);
      if (record.status === CreditRecordStatus.REVOKED) throw recordAlreadyRevoked();
      record.status = CreditRecordStatus.REVOKED;
      record.revokeReason = why.slice(0, 500);
      record.revokedAt = this.clock.now();
      record.revokedByName = actorName(actor);
      await em.save(record);
      await this.audit.record(em, {
        actor,
        action: 'credit.record.revoked',
        entityType: 'credit_record',
        entityId: id,
        summary: { reason: record.revokeReason },
      });
      return record;
    });
  }
}

function validate(input: NewCreditRecord, today: string): void {
  const problems = new Problems();
  problems.check(
    input.kind !== CreditRecordKind.VIOLATION || input.severity,
    'severity',
    text('a violation needs a severity', '违规记录须注明严重程度'),
  );
  problems.check(input.summary?.trim(), 'summary', text('is required', '必须填写'));
  problems.check(
    !input.occurredOn || input.occurredOn <= today,
    'occurredOn',
    text('cannot be in the future', '不能晚于今天'),
  );
  problems.check(
    input.source === CreditRecordSource.MANUAL ||
      input.source === CreditRecordSource.INSPECTION_FINDING ||
      input.source === CreditRecordSource.FIRE_NOT_RECTIFIED,
    'source',
    text(
      'records of this source are created by the service from the events that prove them',
      '此来源的记录由系统根据相应事件自动生成，不能手工登记',
    ),
  );
  problems.throwIfAny();
}
