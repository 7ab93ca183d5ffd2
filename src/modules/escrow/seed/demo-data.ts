import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { addDays, businessDate } from '../../../platform/clock/business-time';

export const DEMO_BANK = { code: 'ICBC_XIFENG', name: '中国工商银行息烽支行' };

/**
 * Demo escrow data (npm run seed:demo), after the registry demo: the demo partner bank, accounts for two
 * of every three operating institutions (the rest show up as NO_ESCROW_ACCOUNT at the next coverage
 * check), a week of deposits, releases and statements, one account short of its custody. A fixture
 * written with SQL like the other demo seeders; skipped when escrow accounts exist. Returns the number of
 * accounts opened.
 */
export async function seedEscrowDemo(em: EntityManager, now: Date, timeZone: string): Promise<number> {
  const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM escrow_account`)) as [{ n: number }];
  if (n > 0) return 0;
  await em.query(`INSERT INTO partner_bank (code, name, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
    DEMO_BANK.code,
    DEMO_BANK.name,
    now,
  ]);
  const institutions: { id: string; township_code: string; category: string }[] = await em.query(
    `SELECT id, township_code, category FROM institution WHERE status = 'OPERATING' ORDER BY credit_code`,
  );
  const today = businessDate(now, timeZone);
  const opened = addDays(today, -8);
  let count = 0;
  for (const [i, inst] of institutions.entries()) {
    if (i % 3 === 2) continue;
    const accountNo = `62220202${String(100000 + i).padStart(8, '0')}`;
    const [{ id }] = (await em.query(
      `INSERT INTO escrow_account (institution_id, bank_code, account_no, status, township_code, institution_category, opened_on, opened_at, updated_at)
       VALUES ($1, $2, $3, 'ACTIVE', $4, $5, $6, $7, $7) RETURNING id`,
      [inst.id, DEMO_BANK.code, accountNo, inst.township_code, inst.category, opened, now],
    )) as [{ id: string }];
    let balance = 0n;
    let custody = 0n;
    for (let d = 0; d < 7; d++) {
      const date = addDays(opened, d + 1);
      const opening = balance;
      const moves: [string, bigint][] = d % 3 === 0 ? [['DEPOSIT', 300_000n]] : [['RELEASE', 20_000n]];
      for (const [k, [type, amount]] of moves.entries()) {
        const effect = type === 'DEPOSIT' ? amount : -amount;
        balance += effect;
        custody += effect;
        const txnId = `DEMO${i}-${d}-${k}`;
        await em.query(
          `INSERT INTO escrow_transaction (account_id, bank_code, txn_id, booked_at, booked_on, type, amount_fen, currency, payer_ref, lesson_hours, coverage_months,
             reversal_of, memo, balance_effect_fen, custody_effect_fen, exceeds_prepaid_limit, content_hash, batch_id, key_id, received_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'CNY', $8, $9, $10, NULL, '演示数据', $11, $11, false, $12, gen_random_uuid(), 'demo', $13)`,
          [
            id,
            DEMO_BANK.code,
            txnId,
            `${date}T10:00:00+08:00`,
            date,
            type,
            amount.toString(),
            type === 'DEPOSIT' ? '家长***' + (i % 10) : null,
            type === 'DEPOSIT' ? 24 : null,
            type === 'DEPOSIT' ? 2 : null,
            effect.toString(),
            createHash('sha256').update(txnId).digest('hex'),
            now,
          ],
        );
      }
      // The first account reports less than it holds on the last day (a SHORTFALL to look at).
      const closing = i === 0 && d === 6 ? balance - 100_000n : balance;
      await em.query(
        `INSERT INTO escrow_statement (account_id, statement_date, revision, opening_fen, closing_fen, currency, batch_id, key_id, received_at)
         VALUES ($1, $2, 0, $3, $4, 'CNY', gen_random_uuid(), 'demo', $5)`,
        [id, date, opening.toString(), closing.toString(), now],
      );
      if (i === 0 && d === 6) {
        await em.query(
          `INSERT INTO escrow_alert (account_id, institution_id, bank_code, account_no, township_code, type, status, details, raised_at)
           VALUES ($1, $2, $3, $4, $5, 'SHORTFALL', 'OPEN', $6, $7)`,
          [
            id,
            inst.id,
            DEMO_BANK.code,
            accountNo,
            inst.township_code,
            JSON.stringify({ statementDate: date, shortfall: '1000.00' }),
            now,
          ],
        );
      }
    }
    await em.query(`UPDATE escrow_account SET required_custody_fen = $2, last_statement_date = $3 WHERE id = $1`, [
      id,
      custody.toString(),
      addDays(opened, 7),
    ]);
    count++;
  }
  return count;
}
