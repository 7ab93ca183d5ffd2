import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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
import { localize } from '../../../platform/i18n/locale';
import { Text, joinTexts, text } from '../../../platform/i18n/text';

export type PlatformItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'REJECTED';

/** One item's result while a batch is worked: its message (when refused) in both languages (ADR 0021). */
interface ItemResult {
  index: number;
  status: PlatformItemStatus;
  code?: string;
  message?: Text;
  id?: string;
  contractCode?: string;
}

/** One item's answer, as the bank interface answers (index, status, code and message when refused). */
export interface PlatformItemResult {
  index: number;
  status: PlatformItemStatus;
  code?: string;
  /** In the request's language. */
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

const rejected = (index: number, code: string, message: Text): ItemResult => ({
  index,
  status: 'REJECTED',
  code,
  message,
});

/** A service refusal as an item answer: its stable code, its message and the fields it names. */
function refusal(index: number, error: unknown): ItemResult {
  if (!(error instanceof DomainError)) throw error;
  if (!error.errors?.length) return rejected(index, error.code, error.text);
  const fields = joinTexts(error.errors.map((e) => text(`${e.path} ${e.message.en}`, `${e.path} ${e.message.zh}`)));
  return rejected(index, error.code, text(`${error.text.en}: ${fields.en}`, `${error.text.zh}：${fields.zh}`));
}

/** What an item's work made (a contract, a lesson record), or its refusal. */
type Outcome = { id: string; contractCode?: string } | DomainError;

/** An item that passed its shape check, at its place in the batch. */
interface Item<T> {
  index: number;
  value: T;
  contentHash: string;
}

/** The work of a run of items with distinct external ids, in the caller's transaction; one outcome per item, in order. */
type Work<T> = (em: EntityManager, values: T[]) => Promise<Outcome[]>;

const conflict = (index: number) =>
  rejected(
    index,
    'CONFLICT',
    text(
      'An item with this externalId and different content is already stored',
      '该 externalId 的条目已存储且内容不同',
    ),
  );

/**
 * Batches from a partner platform (docs/platform-api.md): contracts, lesson records and lesson
 * confirmations, each item checked by the same services as the GraphQL path (ContractService,
 * LessonService, ConfirmationService) and answered on its own. Items are idempotent by (platform, kind,
 * external id): a claim row is inserted in the transaction that does the item's work and commits with the
 * id of what the item became, or is removed with the refusal, so a refused item may be sent again
 * corrected; a concurrent item with the same id waits on the claim. The same id again (in a later batch or
 * later in the same one): DUPLICATE when its content hash is the same, else REJECTED with code CONFLICT.
 *
 * Lesson records run as one transaction per batch (ADR 0018): the claims in one INSERT, the contracts they
 * name resolved in one SELECT, then LessonService.recordIn (set-based reads, the rules item by item in
 * memory, multi-row writes), the claims settled in one UPDATE and one DELETE. Contracts and confirmations
 * run one transaction per item (claim and work together): their services lock per family and per contract
 * in item order, which two concurrent batches in one transaction each could deadlock on.
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
    return this.batch(actor, 'CONTRACT', items, checkContractItem, 'item', (em, values) =>
      this.each(values, (item) => this.contract(em, actor, item)),
    );
  }

  postLessonRecords(actor: PlatformPrincipal, items: unknown[]): Promise<PlatformBatchResult> {
    return this.batch(actor, 'LESSON_RECORD', items, checkLessonRecordItem, 'batch', (em, values) =>
      this.lessonRecords(em, actor, values),
    );
  }

  postLessonConfirmations(actor: PlatformPrincipal, items: unknown[]): Promise<PlatformBatchResult> {
    return this.batch(actor, 'LESSON_CONFIRMATION', items, checkLessonConfirmationItem, 'item', (em, values) =>
      this.each(values, (item) => this.confirmation(em, actor, item)),
    );
  }

  /** Items one after the other, a service refusal as the item's outcome. */
  private async each<T>(
    values: T[],
    work: (item: T) => Promise<{ id: string; contractCode?: string }>,
  ): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const value of values) {
      try {
        outcomes.push(await work(value));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push(error);
      }
    }
    return outcomes;
  }

  private async contract(
    em: EntityManager,
    actor: PlatformPrincipal,
    item: ContractItem,
  ): Promise<{ id: string; contractCode?: string }> {
    const institution = await this.registry.findInstitution({ creditCode: item.institutionCreditCode });
    if (!institution)
      throw new DomainError(
        'INSTITUTION_NOT_FOUND',
        text(
          `No institution with the unified social credit code ${item.institutionCreditCode} is registered in the county`,
          `本县没有登记统一社会信用代码为 ${item.institutionCreditCode} 的机构`,
        ),
        404,
      );
    const { contract, contractCode } = await this.contracts.register(
      actor,
      {
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
      },
      em,
    );
    return { id: contract.id, contractCode };
  }

  /** The contracts named resolved in one statement, then the lesson service's batch path. */
  private async lessonRecords(
    em: EntityManager,
    actor: PlatformPrincipal,
    items: LessonRecordItem[],
  ): Promise<Outcome[]> {
    const sent = await this.sent(
      em,
      actor,
      'CONTRACT',
      items.map((i) => i.contractExternalId),
    );
    const outcomes: (Outcome | undefined)[] = items.map((i) =>
      sent.has(i.contractExternalId) ? undefined : notSent('CONTRACT', i.contractExternalId, 'contractExternalId'),
    );
    const open = items.filter((_, k) => outcomes[k] === undefined);
    const recorded = await this.lessons.recordIn(
      em,
      actor,
      open.map((i) => ({ contractId: sent.get(i.contractExternalId)!, taughtOn: i.taughtOn, lessons: i.lessons })),
    );
    let next = 0;
    return outcomes.map((o) => {
      if (o) return o;
      const r = recorded[next++]!;
      return r instanceof DomainError ? r : { id: r.id };
    });
  }

  private async confirmation(
    em: EntityManager,
    actor: PlatformPrincipal,
    item: LessonConfirmationItem,
  ): Promise<{ id: string }> {
    const lessonId = (await this.sent(em, actor, 'LESSON_RECORD', [item.lessonExternalId])).get(item.lessonExternalId);
    if (!lessonId) throw notSent('LESSON_RECORD', item.lessonExternalId, 'lessonExternalId');
    const [row] = (await em.query(`SELECT contract_id FROM prepaid_lesson WHERE id = $1`, [lessonId])) as {
      contract_id: string;
    }[];
    await this.confirmations.confirm(row!.contract_id, [lessonId], 'PARENT', em);
    return { id: lessonId };
  }

  /** What earlier items of this platform became (their contracts or lesson records), by external id. */
  private async sent(
    em: EntityManager,
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    externalIds: string[],
  ): Promise<Map<string, string>> {
    const rows = (await em.query(
      `SELECT external_id, entity_id FROM prepaid_platform_item
       WHERE platform_code = $1 AND kind = $2 AND external_id = ANY($3::varchar[]) AND entity_id IS NOT NULL`,
      [actor.platformCode, kind, [...new Set(externalIds)]],
    )) as { external_id: string; entity_id: string }[];
    return new Map(rows.map((r) => [r.external_id, r.entity_id]));
  }

  private async batch<T extends { externalId: string }>(
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    items: unknown[],
    checker: (raw: unknown) => Checked<T>,
    unit: 'batch' | 'item',
    work: Work<T>,
  ): Promise<PlatformBatchResult> {
    const results: ItemResult[] = [];
    const checked: Item<T>[] = [];
    for (const [index, raw] of items.entries()) {
      const c = checker(raw);
      if (c.ok) checked.push({ index, value: c.value, contentHash: c.contentHash });
      else results[index] = rejected(index, 'INVALID', c.message);
    }
    const received = (em: EntityManager) => {
      const summary = summarise(results);
      return this.audit.record(em, {
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
      });
    };
    if (unit === 'batch') {
      await this.dataSource.transaction(async (em) => {
        for (const r of await this.run(em, actor, kind, checked, work)) results[r.index] = r;
        await received(em);
      });
    } else {
      for (const item of checked)
        for (const r of await this.dataSource.transaction((em) => this.run(em, actor, kind, [item], work)))
          results[r.index] = r;
      await this.dataSource.transaction(received);
    }
    return summarise(results);
  }

  /**
   * Claims, works and settles items in the caller's transaction, answering them as if one after the other:
   * the items go to `work` in runs of distinct external ids (an id seen again waits for its earlier
   * item's outcome: after an ACCEPTED one it is a DUPLICATE or a CONFLICT, after a refused one it is worked
   * again), claimed first in one INSERT (in external-id order, so two batches cannot deadlock on claims);
   * ids claimed before answer DUPLICATE or CONFLICT from the stored row. At the end the accepted claims get
   * their entity id and content hash, the others are removed.
   */
  private async run<T extends { externalId: string }>(
    em: EntityManager,
    actor: PlatformPrincipal,
    kind: PlatformItemKind,
    items: Item<T>[],
    work: Work<T>,
  ): Promise<ItemResult[]> {
    if (items.length === 0) return [];
    const first = new Map<string, string>();
    for (const i of items) if (!first.has(i.value.externalId)) first.set(i.value.externalId, i.contentHash);
    const ids = [...first.keys()].sort();
    const inserted = (await em.query(
      `INSERT INTO prepaid_platform_item (platform_code, kind, external_id, content_hash, received_at, key_id)
       SELECT $1::varchar, $2::varchar, e.id, e.hash, $5::timestamptz, $6::varchar FROM unnest($3::varchar[], $4::varchar[]) AS e(id, hash) ORDER BY e.id
       ON CONFLICT DO NOTHING RETURNING external_id`,
      [actor.platformCode, kind, ids, ids.map((id) => first.get(id)!), this.clock.now(), actor.keyId],
    )) as { external_id: string }[];
    const claimed = new Set(inserted.map((r) => r.external_id));
    const stored = new Map<string, { hash: string; id: string | null }>();
    const earlier = ids.filter((id) => !claimed.has(id));
    if (earlier.length > 0) {
      const rows = (await em.query(
        `SELECT external_id, content_hash, entity_id FROM prepaid_platform_item
         WHERE platform_code = $1 AND kind = $2 AND external_id = ANY($3::varchar[])`,
        [actor.platformCode, kind, earlier],
      )) as { external_id: string; content_hash: string; entity_id: string | null }[];
      for (const r of rows) stored.set(r.external_id, { hash: r.content_hash, id: r.entity_id });
    }

    const results: ItemResult[] = [];
    const accepted = new Map<string, { hash: string; id: string }>();
    let pending: Item<T>[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const outcomes = await work(
        em,
        pending.map((p) => p.value),
      );
      for (const [k, p] of pending.entries()) {
        const o = outcomes[k]!;
        if (o instanceof DomainError) results.push(refusal(p.index, o));
        else {
          accepted.set(p.value.externalId, { hash: p.contentHash, id: o.id });
          results.push({
            index: p.index,
            status: 'ACCEPTED',
            id: o.id,
            ...(o.contractCode ? { contractCode: o.contractCode } : {}),
          });
        }
      }
      pending = [];
    };
    for (const item of items) {
      const externalId = item.value.externalId;
      if (pending.some((p) => p.value.externalId === externalId)) await flush();
      const done = stored.get(externalId) ?? accepted.get(externalId);
      if (done) {
        results.push(
          done.hash !== item.contentHash
            ? conflict(item.index)
            : { index: item.index, status: 'DUPLICATE', ...(done.id ? { id: done.id } : {}) },
        );
      } else pending.push(item);
    }
    await flush();

    const settled = [...accepted.keys()];
    if (settled.length > 0)
      await em.query(
        `UPDATE prepaid_platform_item p SET entity_id = s.entity_id, content_hash = s.hash
         FROM unnest($3::varchar[], $4::uuid[], $5::varchar[]) AS s(external_id, entity_id, hash)
         WHERE p.platform_code = $1 AND p.kind = $2 AND p.external_id = s.external_id`,
        [
          actor.platformCode,
          kind,
          settled,
          settled.map((id) => accepted.get(id)!.id),
          settled.map((id) => accepted.get(id)!.hash),
        ],
      );
    const refused = [...claimed].filter((id) => !accepted.has(id));
    if (refused.length > 0)
      await em.query(
        `DELETE FROM prepaid_platform_item WHERE platform_code = $1 AND kind = $2 AND external_id = ANY($3::varchar[])`,
        [actor.platformCode, kind, refused],
      );
    return results;
  }
}

function notSent(kind: PlatformItemKind, externalId: string, field: string): DomainError {
  return new DomainError(
    kind === 'CONTRACT' ? 'CONTRACT_NOT_SENT' : 'LESSON_RECORD_NOT_SENT',
    text(
      `${field} ${externalId} names no ${kind === 'CONTRACT' ? 'contract' : 'lesson record'} your platform has sent`,
      `${field} ${externalId} 不对应贵平台已报送的任何${kind === 'CONTRACT' ? '合同' : '课消记录'}`,
    ),
    404,
  );
}

/** The batch's answer, its item messages in the request's language (a replay answers it as first written). */
function summarise(results: ItemResult[]): PlatformBatchResult {
  let accepted = 0;
  let duplicates = 0;
  for (const r of results) {
    if (r.status === 'ACCEPTED') accepted++;
    else if (r.status === 'DUPLICATE') duplicates++;
  }
  return {
    accepted,
    duplicates,
    rejected: results.length - accepted - duplicates,
    results: results.map(({ message, ...r }) => (message ? { ...r, message: localize(message) } : r)),
  };
}
