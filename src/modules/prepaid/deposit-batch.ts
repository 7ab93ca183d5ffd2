import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock/clock';
import { businessDate } from '../../platform/clock/business-time';
import { formatMoney } from '../../platform/database/money';
import { EventPublisher } from '../../platform/events';
import { PolicyFacade } from '../policy';
import { contractCodeHash, normaliseContractCode } from './contract-code';
import type { PostedDeposit } from './deposit.service';
import { WorkingDays } from './working-days';

const SERVICE = systemPrincipal('prepaid.deposit');

type MatchedBy = 'CONTRACT_REF' | 'PAYER_AMOUNT';

/** The contracts a deposit of (p.a account, p.b amount) may match by amount, as DepositService.byAmount reads them. */
const AMOUNT_CANDIDATES = `c.escrow_account_id = p.a::uuid AND c.matched_at IS NULL AND c.total_fen = p.b::bigint AND c.status = 'ACTIVE'`;

/**
 * The deposits of one bank event, set-wise, with the outcome DepositService.onDeposit gives them one by
 * one in order: every deposit is kept (one INSERT; a redelivered one is skipped), then each new one is
 * matched to its contract by the contract code it names, else to the one unmatched ACTIVE contract of its
 * account with that total. The candidate contracts are read (and locked) in two statements; the matching
 * itself runs in memory in batch order, so a contract an earlier deposit took is not there for a later
 * one, exactly as one by one. Per deposit, at most (deposits of its institution in the event + 1)
 * candidates are read: only those deposits can take a candidate before it, so that many suffice to tell
 * "exactly one left" from "two or more".
 */
@Injectable()
export class DepositBatch {
  constructor(
    private readonly policy: PolicyFacade,
    private readonly workingDays: WorkingDays,
    private readonly events: EventPublisher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns how each deposit was matched (null: kept unmatched, or delivered before), in input order. */
  async onDeposits(em: EntityManager, deposits: PostedDeposit[]): Promise<(MatchedBy | null)[]> {
    if (deposits.length === 0) return [];
    const now = this.clock.now();
    const days = await this.policy.value('prepaid.deposit_match_working_days', now);
    const dueByDate = new Map<string, string>();
    const dueOn: string[] = [];
    for (const d of deposits) {
      const date = businessDate(d.bookedAt, this.config.timeZone);
      let due = dueByDate.get(date);
      if (due === undefined) {
        due = await this.workingDays.addWorkingDays(date, days);
        dueByDate.set(date, due);
      }
      dueOn.push(due);
    }
    const col = <T>(f: (d: PostedDeposit) => T) => deposits.map(f);
    const inserted: { account_id: string; txn_id: string }[] = await em.query(
      `INSERT INTO prepaid_deposit (account_id, txn_id, institution_id, amount_fen, payer_ref, contract_ref_given, booked_at, alert_due_on)
       SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::bigint[], $5::varchar[], $6::boolean[], $7::timestamptz[], $8::date[])
       ON CONFLICT DO NOTHING RETURNING account_id, txn_id`,
      [
        col((d) => d.accountId),
        col((d) => d.txnId),
        col((d) => d.institutionId),
        col((d) => d.amountFen.toString()),
        col((d) => d.payerRef),
        col((d) => d.contractRef !== null),
        col((d) => d.bookedAt.toISOString()),
        dueOn,
      ],
    );
    const key = (accountId: string, txnId: string) => `${accountId} ${txnId}`;
    const fresh = new Set(inserted.map((r) => key(r.account_id, r.txn_id)));
    const outcome: (MatchedBy | null)[] = deposits.map(() => null);
    const todo = deposits.map((d, i) => ({ d, i })).filter(({ d }) => fresh.has(key(d.accountId, d.txnId)));
    if (todo.length === 0) return outcome;

    const perInstitution = new Map<string, number>();
    for (const { d } of todo) perInstitution.set(d.institutionId, (perInstitution.get(d.institutionId) ?? 0) + 1);
    const limit = (d: PostedDeposit) => (perInstitution.get(d.institutionId) as number) + 1;
    const hashOf = todo.map(({ d }) => {
      const code = d.contractRef === null ? null : normaliseContractCode(d.contractRef);
      return code ? contractCodeHash(this.config.security.piiHashKey, code) : null;
    });
    const byRef = await this.candidates(
      em,
      todo.flatMap(({ d }, k) =>
        hashOf[k] === null ? [] : [{ a: hashOf[k] as string, b: d.institutionId, n: limit(d) }],
      ),
      `c.contract_code_hash = p.a AND c.institution_id = p.b::uuid AND c.matched_at IS NULL`,
      ['id'],
    );
    // By amount, read up front for the deposits whose code names no open contract; one whose contract an
    // earlier deposit of the event took (by amount, or naming the same code) reads its own when it comes.
    const amountPair = (d: PostedDeposit) => ({ a: d.accountId, b: d.amountFen.toString(), n: limit(d) });
    const hasRef = (k: number) => hashOf[k] !== null && byRef.has(`${hashOf[k]} ${todo[k].d.institutionId}`);
    const byAmount = await this.candidates(
      em,
      todo.flatMap(({ d }, k) => (hasRef(k) ? [] : [amountPair(d)])),
      AMOUNT_CANDIDATES,
      ['created_at', 'id'],
    );

    const taken = new Set<string>();
    const matches: { d: PostedDeposit; contractId: string; by: MatchedBy }[] = [];
    for (const [k, { d, i }] of todo.entries()) {
      let by: MatchedBy = 'CONTRACT_REF';
      let contract = hasRef(k) ? byRef.get(`${hashOf[k]} ${d.institutionId}`)?.find((id) => !taken.has(id)) : undefined;
      if (!contract) {
        by = 'PAYER_AMOUNT';
        const pair = `${d.accountId} ${d.amountFen}`;
        if (hasRef(k) && !byAmount.has(pair))
          for (const [key, ids] of await this.candidates(em, [amountPair(d)], AMOUNT_CANDIDATES, ['created_at', 'id']))
            byAmount.set(key, ids);
        const left = (byAmount.get(pair) ?? []).filter((id) => !taken.has(id));
        contract = left.length === 1 ? left[0] : undefined; // two candidates: an officer decides, not the service
      }
      if (!contract) continue;
      taken.add(contract);
      outcome[i] = by;
      matches.push({ d, contractId: contract, by });
    }
    if (matches.length === 0) return outcome;

    const m = <T>(f: (x: (typeof matches)[number]) => T) => matches.map(f);
    await em.query(
      `UPDATE prepaid_contract c SET matched_txn_id = s.txn, matched_at = $4, matched_payer_ref = s.payer
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[]) AS s(id, txn, payer) WHERE c.id = s.id`,
      [m((x) => x.contractId), m((x) => x.d.txnId), m((x) => x.d.payerRef), now],
    );
    await em.query(
      `UPDATE prepaid_deposit p SET contract_id = s.contract, matched_by = s.by, matched_at = $5
       FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[]) AS s(account, txn, contract, by)
       WHERE p.account_id = s.account AND p.txn_id = s.txn`,
      [m((x) => x.d.accountId), m((x) => x.d.txnId), m((x) => x.contractId), m((x) => x.by), now],
    );
    await this.events.publishMany(
      em,
      matches.map(({ d, contractId, by }) => ({
        name: 'prepaid.deposit.matched' as const,
        payload: {
          contractId,
          txnId: d.txnId,
          accountId: d.accountId,
          institutionId: d.institutionId,
          amountFen: d.amountFen.toString(),
          by,
        },
      })),
    );
    await this.audit.recordMany(
      em,
      matches.map(({ d, contractId, by }) => ({
        actor: SERVICE,
        action: 'prepaid.deposit.matched',
        entityType: 'prepaid_contract',
        entityId: contractId,
        summary: { txnId: d.txnId, amount: formatMoney(d.amountFen), by },
      })),
    );
    return outcome;
  }

  /**
   * The candidate contracts (`where`) of each (a, b) pair, at most n each, in `order`, locked (FOR UPDATE)
   * as the one-by-one reads lock them. Keyed "a b".
   */
  private async candidates(
    em: EntityManager,
    pairs: { a: string; b: string; n: number }[],
    where: string,
    order: ('id' | 'created_at')[],
  ): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const unique = new Map<string, { a: string; b: string; n: number }>();
    for (const p of pairs) unique.set(`${p.a} ${p.b}`, p);
    if (unique.size === 0) return out;
    const list = [...unique.values()];
    const rows: { a: string; b: string; id: string }[] = await em.query(
      `SELECT p.a, p.b, x.id FROM unnest($1::varchar[], $2::varchar[], $3::int[]) WITH ORDINALITY AS p(a, b, n, o)
       CROSS JOIN LATERAL (SELECT c.id, c.created_at FROM prepaid_contract c WHERE ${where}
                           ORDER BY ${order.map((o) => `c.${o}`).join(', ')} LIMIT p.n FOR UPDATE OF c) x
       ORDER BY p.o, ${order.map((o) => `x.${o}`).join(', ')}`,
      [list.map((p) => p.a), list.map((p) => p.b), list.map((p) => p.n)],
    );
    for (const r of rows) {
      const k = `${r.a} ${r.b}`;
      out.set(k, [...(out.get(k) ?? []), r.id]);
    }
    return out;
  }
}
