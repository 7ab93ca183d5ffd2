import { EntityManager } from 'typeorm';
import { addDays, businessDate } from '../../../platform/clock/business-time';
import { expiryOf, findCreditReason } from '../data/credit-reasons';

/**
 * Demo credit data for `npm run seed:demo`, after the registry and escrow demos: the credit projections
 * those demos would have produced as events (seeding writes no outbox), a few records, and one entry in
 * each state that matters (published BLACK, published WHITE, proposed BLACK, published GREY). Returns the
 * number of entries made (0 when entries exist already).
 */
export async function seedCreditDemo(em: EntityManager, now: Date, timeZone: string): Promise<number> {
  const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM credit_entry`)) as [{ n: number }];
  if (n > 0) return 0;
  const today = businessDate(now, timeZone);
  const year = Number(today.slice(0, 4));
  await em.query(
    `INSERT INTO credit_escrow_account (account_id, institution_id, status, updated_at)
     SELECT id, institution_id, status, $1 FROM escrow_account ON CONFLICT DO NOTHING`,
    [now],
  );
  const institutions = (await em.query(
    `SELECT id, name, credit_code, township_code FROM institution WHERE status = 'OPERATING' ORDER BY credit_code LIMIT 4`,
  )) as { id: string; name: string; credit_code: string; township_code: string }[];
  if (institutions.length < 4) return 0;
  const [black, white, proposed, grey] = institutions as [
    (typeof institutions)[number],
    (typeof institutions)[number],
    (typeof institutions)[number],
    (typeof institutions)[number],
  ];
  await em.query(
    `INSERT INTO credit_annual_review (institution_id, year, result, score, completed_at) VALUES ($1, $2, 'PASS', 91, $3) ON CONFLICT DO NOTHING`,
    [white.id, year, now],
  );
  const record = async (
    inst: typeof black,
    source: string,
    severity: string,
    summary: string,
    ref: string,
  ): Promise<string> => {
    const [row] = (await em.query(
      `INSERT INTO credit_record (institution_id, township_code, kind, source, severity, summary, evidence, occurred_on, source_reference, created_by_name, created_at)
       VALUES ($1, $2, 'VIOLATION', $3, $4, $5, $6, $7, $8, 'demo', $9) RETURNING id`,
      [
        inst.id,
        inst.township_code,
        source,
        severity,
        summary,
        JSON.stringify([{ kind: 'DOCUMENT', reference: ref, note: null }]),
        addDays(today, -20),
        ref,
        now,
      ],
    )) as { id: string }[];
    return row!.id;
  };
  const blackRecord = await record(black, 'INSPECTION_FINDING', 'GRAVE', '挪用预收费, 拒不退费', 'DEMO-JC-001');
  const greyRecord = await record(grey, 'VERIFIED_COMPLAINT', 'MINOR', '投诉查实: 虚假宣传', 'DEMO-TS-001');
  const entry = async (inst: typeof black, kind: string, reasonCode: string, status: string, recordIds: string[]) => {
    const published = status === 'PUBLISHED';
    const effectiveOn = published ? addDays(today, -10) : null;
    await em.query(
      `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, evidence, record_ids, status,
         effective_on, expires_on, proposed_by_name, proposed_at, decided_by_name, decided_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', $8, $9, $10, $11, 'demo', $12, $13, $14, $12, $12)`,
      [
        inst.id,
        inst.name,
        inst.credit_code,
        inst.township_code,
        kind,
        reasonCode,
        findCreditReason(reasonCode)?.name ?? reasonCode,
        recordIds,
        status,
        effectiveOn,
        effectiveOn ? expiryOf(effectiveOn, findCreditReason(reasonCode)?.durationMonths ?? 12) : null,
        now,
        published ? 'demo-approver' : null,
        published ? now : null,
      ],
    );
  };
  await entry(black, 'BLACK', 'PREPAID_FEE_VIOLATION', 'PUBLISHED', [blackRecord]);
  await entry(white, 'WHITE', 'COMPLIANT_OPERATION', 'PUBLISHED', []);
  await entry(proposed, 'BLACK', 'FALSE_ADVERTISING', 'PROPOSED', []);
  await entry(grey, 'GREY', 'UNDER_WATCH', 'PUBLISHED', [greyRecord]);
  return 4;
}
