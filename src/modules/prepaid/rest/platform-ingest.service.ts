import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditService } from '../../../platform/audit/audit.service';
import { PlatformPrincipal } from '../../../platform/auth/principal';
import { Clock } from '../../../platform/clock/clock';
import { DomainError } from '../../../platform/errors/domain-error';
import { RegistryFacade } from '../../registry';
import { ConfirmationService } from '../confirmation.service';
import { ContractService } from '../contract.service';
import { PrepaidContractSource, PrepaidPaymentRoute } from '../entities/prepaid-contract.entity';
import { LessonService } from '../lesson.service';
import { PrepaidPaymentMethod } from '../prepaid.types';
import {
  Checked,
  ContractItem,
  LessonConfirmationItem,
  LessonRecordItem,
  PlatformItemKind,
  checkContractItem,
  checkLessonConfirmationItem,
  checkLessonRecordItem,
} from './platform-items';

export type PlatformItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';

/** One item's answer, as the bank interface answers (index, status, code and message when refused). */
export interface PlatformItemResult {
  index: number;
  status: PlatformItemStatus;
  code?: string;
  message?: string;
  /** The service's id of what the item became (a contract, a lesson record); on ACCEPTED and DUPLICATE. */
  id?: string;
  /** ACCEPTED contracts only: the contract code to print on the contract (shown this once). */
  contractCode?: string;
}

export interface PlatformBatchResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: PlatformItemResult[];
}

const rejected = (index: number, code: string, message: string): PlatformItemResult => ({
  index,
  status: 'REJECTED',
  code,
  message,
});

/** A service refusal as an item answer: its stable code, its message and the fields it names. */
function refusal(index: number, error: unknown): PlatformItemResult {
  if (!(error instanceof DomainError)) throw error;
  const fields = error.errors?.length ? `: ${error.errors.map((e) => `${e.path} ${e.message}`).join('; ')}` : '';
  return rejected(index, error.code, `${error.message}${fields}`);
}

interface Claim {
  runner: QueryRunner;
  existing: { content_hash: string; entity_id: string | null } | null;
}

/**
 * Batches from a partner platform (docs/platform-api.md): contracts, lesson records and lesson
 * confirmations, each item checked by the same services as the GraphQL path (ContractService,
 * LessonService, ConfirmationService) and answered on its own. Items are idempotent by (platform, kind,
 * external id): the first one is claimed by an INSERT in a transaction held open while the service does
 * the work (a concurrent item with the same id waits on the claim); the claim commits with the id of what
 * the item became, or rolls back with the refusal, so a refused item may be sent again corrected. The same
 * id again (in a later batch or later in the same one): DUPLICATE when its content hash is the same, else
 * REJECTED with code CONFLICT. Items run in order, one after the other, so a lesson record may name a
 * contract sent earlier in the same batch of contracts' answer.
 */
@Injectable()
export class PlatformIngestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contracts: ContractService,
    private readonly lessons: LessonService,
    private readonly confirmations: ConfirmationService,
    private readonly registry: RegistryFacade,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  postContracts(actor: PlatformPrincipal, items: unknown[]): Promise<PlatformBatchResult> {
    return this.batch(actor, 'CONTRACT', items, checkContractItem, (item) => this.contract(actor, item));
  }

  postLessonRecords(actor: PlatformPrincipal, items: unknown[]): Promise<PlatformBatchResult> {
    return this.batch(actor, 'LESSON_RECORD', items, checkLessonRecordItem, (item) => this.lessonRecord(actor, item));
  }

  postLessonConfirmations(actor: PlatformPrincipal, items: unknown[]): Promise<PlatformBatchResult> {
    return this.batch(actor, 'LESSON_CONFIRMATION', items, checkLessonConfirmationItem, (item) =>
      this.confirmation(actor, item),
    );
  }

  private async contract(actor: PlatformPrincipal, item: ContractItem): Promise<{ id: string; contractCode?: string }> {
    const institution = await this.registry.findInstitution({ creditCode: item.institutionCreditCode });
    if (!institution)
      throw new DomainError(
        'INSTITUTION_NOT_FOUND',
        `No institution with the unified social credit code ${item.institutionCreditCode} is registered in the county`,
        404,
      );
    const { contract, contractCode } = await this.contracts.register(actor, {
      institutionId: institution.id,
      courseId: item.courseId,
      studentName: item.studentName,
      payerName: item.payerName,
      payerPhone: item.payerPhone,
      lessonsBought: item.lessonsBought,
      lessonMinutes: item.lessonMinutes,
      pricePerLesson: item.pricePerLesson,
      periodStart: item.periodStart,
      periodEnd: item.periodEnd,
      paymentRoute: item.paymentRoute as PrepaidPaymentRoute,
      paymentMethod: item.paymentMethod as PrepaidPaymentMethod,
      refundTerms: item.refundTerms,
      source: PrepaidContractSource.PLATFORM,
      platformCode: actor.platformCode,
      externalRef: item.externalId,
    });
    return { id: contract.id, contractCode };
  }

  private async lessonRecord(actor: PlatformPrincipal, item: LessonRecordItem): Promise<{ id: string }> {
    const contractId = await this.sent(actor, 'CONTRACT', item.contractExternalId, 'contractExternalId');
    const lesson = await this.lessons.record(actor, { contractId, taughtOn: item.taughtOn, lessons: item.lessons });
    return { id: lesson.id };
  }

  private async confirmation(actor: PlatformPrincipal, item: LessonConfirmationItem): Promise<{ id: string }> {
    const lessonId = await this.sent(actor, 'LESSON_RECORD', item.lessonExternalId, 'lessonExternalId');
    const [row] = (await this.dataSource.query(`SELECT contract_id FROM prepaid_lesson WHERE id = $1`, [lessonId])) as {
      contract_id: string;
    }[];
    await this.confirmations.confirm(row!.contract_id, [lessonId], 'PARENT');
    return { id: lessonId };
  }

  /** What an earlier item of this platform became (its contract or lesson record), or a refusal naming the field. */
  private async sent(
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    externalId: string,
    field: string,
  ): Promise<string> {
    const [row] = (await this.dataSource.query(
      `SELECT entity_id FROM prepaid_platform_item WHERE platform_code = $1 AND kind = $2 AND external_id = $3`,
      [actor.platformCode, kind, externalId],
    )) as { entity_id: string | null }[];
    if (!row?.entity_id)
      throw new DomainError(
        kind === 'CONTRACT' ? 'CONTRACT_NOT_SENT' : 'LESSON_RECORD_NOT_SENT',
        `${field} ${externalId} names no ${kind === 'CONTRACT' ? 'contract' : 'lesson record'} your platform has sent`,
        404,
      );
    return row.entity_id;
  }

  private async batch<T extends { externalId: string }>(
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    items: unknown[],
    checker: (raw: unknown) => Checked<T>,
    work: (item: T) => Promise<{ id: string; contractCode?: string }>,
  ): Promise<PlatformBatchResult> {
    const results: PlatformItemResult[] = [];
    for (const [index, raw] of items.entries()) {
      const checked = checker(raw);
      if (!checked.ok) {
        results.push(rejected(index, 'INVALID', checked.message));
        continue;
      }
      const { value, contentHash } = checked;
      results.push(await this.item(actor, kind, index, value, contentHash, work));
    }
    const summary = summarise(results);
    await this.dataSource.transaction((em) =>
      this.audit.record(em, {
        actor,
        action: 'prepaid.platform.batch.received',
        entityType: 'partner_platform',
        entityId: actor.platformCode,
        summary: {
          kind,
          items: items.length,
          accepted: summary.accepted,
          duplicates: summary.duplicates,
          rejected: summary.rejected,
        },
      }),
    );
    return summary;
  }

  private async item<T extends { externalId: string }>(
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    index: number,
    value: T,
    contentHash: string,
    work: (item: T) => Promise<{ id: string; contractCode?: string }>,
  ): Promise<PlatformItemResult> {
    const claim = await this.claim(actor, kind, value.externalId, contentHash);
    if (claim.existing) {
      await claim.runner.release();
      const { content_hash, entity_id } = claim.existing;
      if (content_hash !== contentHash)
        return rejected(index, 'CONFLICT', 'An item with this externalId and different content is already stored');
      return { index, status: 'DUPLICATE', ...(entity_id ? { id: entity_id } : {}) };
    }
    try {
      const done = await work(value);
      await claim.runner.query(
        `UPDATE prepaid_platform_item SET entity_id = $4 WHERE platform_code = $1 AND kind = $2 AND external_id = $3`,
        [actor.platformCode, kind, value.externalId, done.id],
      );
      await claim.runner.commitTransaction();
      return {
        index,
        status: 'ACCEPTED',
        id: done.id,
        ...(done.contractCode ? { contractCode: done.contractCode } : {}),
      };
    } catch (error) {
      await claim.runner.rollbackTransaction();
      return refusal(index, error);
    } finally {
      if (!claim.runner.isReleased) await claim.runner.release();
    }
  }

  /**
   * Claims (platform, kind, external id) in a transaction left open for the item's work, or reads what an
   * earlier item with that id stored. A concurrent claim of the same id waits for this one to end.
   */
  private async claim(
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    externalId: string,
    contentHash: string,
  ): Promise<Claim> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const inserted = (await runner.query(
        `INSERT INTO prepaid_platform_item (platform_code, kind, external_id, content_hash, received_at, key_id)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING external_id`,
        [actor.platformCode, kind, externalId, contentHash, this.clock.now(), actor.keyId],
      )) as unknown[];
      if (inserted.length > 0) return { runner, existing: null };
      const [existing] = (await runner.query(
        `SELECT content_hash, entity_id FROM prepaid_platform_item WHERE platform_code = $1 AND kind = $2 AND external_id = $3`,
        [actor.platformCode, kind, externalId],
      )) as { content_hash: string; entity_id: string | null }[];
      await runner.commitTransaction();
      return { runner, existing: existing! };
    } catch (error) {
      await runner.rollbackTransaction();
      await runner.release();
      throw error;
    }
  }
}

function summarise(results: PlatformItemResult[]): PlatformBatchResult {
  let accepted = 0;
  let duplicates = 0;
  for (const r of results) {
    if (r.status === 'ACCEPTED') accepted++;
    else if (r.status === 'DUPLICATE') duplicates++;
  }
  return { accepted, duplicates, rejected: results.length - accepted - duplicates, results };
}
