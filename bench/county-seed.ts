import { DataSource } from 'typeorm';

/**
 * A county's worth of records for the read benchmarks (dashboard, GraphQL list): `n` institutions,
 * escrow accounts and alerts, list entries, unlicensed leads, complaints and supervision tasks, inserted
 * set-wise (INSERT … SELECT generate_series). Returns the time it took, in ms.
 */
export async function seedCounty(ds: DataSource, n: number): Promise<number> {
  const started = performance.now();
  const townships = `(SELECT array_agg(code ORDER BY code) FROM township)`;
  await ds.query(`INSERT INTO partner_bank (code, name, created_at) VALUES ('BENCH_BANK', '基准银行', now())`);
  // Institutions: 1 in 20 a for-profit subject institution; 85 % operating, the rest in other states.
  await ds.query(
    `WITH t AS (SELECT ${townships} AS codes)
     INSERT INTO institution (name, credit_code, category, non_subject_kind, legal_form, competent_department_code, township_code, address,
       legal_representative, contact_phone, status, created_at, updated_at)
     SELECT 'bench ' || g, lpad(g::text, 18, '0'), CASE WHEN g % 20 = 0 THEN 'SUBJECT' ELSE 'NON_SUBJECT' END,
            CASE WHEN g % 20 = 0 THEN NULL ELSE (ARRAY['SPORTS','ARTS','SCIENCE_TECH','OTHER'])[1 + g % 4] END,
            'FOR_PROFIT', 'EDU', t.codes[1 + g % array_length(t.codes, 1)], 'bench', 'bench', '0851',
            CASE WHEN g % 100 < 85 THEN 'OPERATING' WHEN g % 100 < 90 THEN 'SUSPENDED' WHEN g % 100 < 95 THEN 'DEREGISTERED' ELSE 'APPROVED' END,
            now() - make_interval(days => g % 700), now() - make_interval(days => g % 30)
     FROM generate_series(1, $1) AS g, t`,
    [n],
  );
  // Escrow: an account for 9 in 10 institutions (some closed), alerts on 1 in 50 accounts.
  await ds.query(
    `INSERT INTO escrow_account (institution_id, bank_code, account_no, status, township_code, institution_category, opened_on, required_custody_fen, opened_at, closed_at, updated_at)
     SELECT id, 'BENCH_BANK', 'B' || row_number() OVER (), CASE WHEN status = 'DEREGISTERED' THEN 'CLOSED' ELSE 'ACTIVE' END, township_code, category,
            created_at::date, (100000 + (random() * 1000000)::int)::bigint, created_at, CASE WHEN status = 'DEREGISTERED' THEN updated_at END, updated_at
     FROM institution WHERE abs(hashtext(id::text)) % 10 <> 0`,
  );
  await ds.query(
    `INSERT INTO escrow_alert (account_id, institution_id, bank_code, account_no, township_code, type, status, details, raised_at)
     SELECT id, institution_id, bank_code, account_no, township_code, (ARRAY['SHORTFALL','STALE_REPORT','ABNORMAL_RELEASE'])[1 + abs(hashtext(account_no)) % 3],
            CASE WHEN abs(hashtext(account_no)) % 2 = 0 THEN 'OPEN' ELSE 'RESOLVED' END, '{}'::jsonb, now() - interval '3 days'
     FROM escrow_account WHERE abs(hashtext(id::text)) % 50 = 0`,
  );
  // Lists: 1 in 100 institutions on a list.
  await ds.query(
    `INSERT INTO credit_entry (institution_id, institution_name, credit_code, township_code, kind, reason_code, reason, status, effective_on, proposed_by_name, proposed_at, created_at, updated_at)
     SELECT id, name, credit_code, township_code, (ARRAY['BLACK','WHITE','GREY'])[1 + abs(hashtext(id::text)) % 3], 'BENCH', 'bench',
            (ARRAY['PUBLISHED','PROPOSED','REMOVED'])[1 + abs(hashtext(name)) % 3], current_date, 'bench', now(), now(), now()
     FROM institution WHERE abs(hashtext(credit_code)) % 100 = 0`,
  );
  // Leads, complaints and supervision tasks in proportion (5 %, 50 %, 50 % of the institutions).
  await ds.query(
    `WITH t AS (SELECT ${townships} AS codes)
     INSERT INTO unlicensed_lead (township_code, location, kind, source, description, status, reported_at)
     SELECT t.codes[1 + g % array_length(t.codes, 1)], 'bench', 'UNLICENSED', 'GRID_PATROL', 'bench',
            (ARRAY['OPEN','INVESTIGATING','CLOSED','UNFOUNDED'])[1 + g % 4], now() - make_interval(days => g % 120)
     FROM generate_series(1, $1 / 20) AS g, t`,
    [n],
  );
  await ds.query(
    `WITH t AS (SELECT ${townships} AS codes)
     INSERT INTO complaint (tracking_number, channel, category, status, description, township_code, lead_department_code, anonymous,
       received_at, closed_at, route_due_at, accept_due_at, handle_overdue_at, satisfaction, created_at, updated_at)
     SELECT 'B' || g, 'HOTLINE_12345', 'OTHER', CASE WHEN g % 3 = 0 THEN 'CLOSED' ELSE 'ASSIGNED' END, 'bench', t.codes[1 + g % array_length(t.codes, 1)], 'EDU', true,
            now() - make_interval(hours => g % 8760), CASE WHEN g % 3 = 0 THEN now() - make_interval(hours => g % 8000) END,
            now() - make_interval(hours => g % 8760) + interval '1 day', now() - make_interval(hours => g % 8760) + interval '7 days',
            CASE WHEN g % 17 = 0 THEN now() END, CASE WHEN g % 3 = 0 THEN (ARRAY['SATISFIED','BASICALLY_SATISFIED','DISSATISFIED'])[1 + g % 3 / 1 % 3] END,
            now(), now()
     FROM generate_series(1, $1 / 2) AS g, t`,
    [n],
  );
  await ds.query(
    `WITH t AS (SELECT ${townships} AS codes)
     INSERT INTO supervision_task (type, status, title, target_kind, target_id, township_code, lead_department_code, due_at, checklist, escalation_level, created_at, updated_at, closed_at)
     SELECT 'ROUTINE_INSPECTION', CASE WHEN g % 4 = 0 THEN 'ASSIGNED' WHEN g % 4 = 1 THEN 'IN_PROGRESS' ELSE 'CLOSED' END, 'bench', 'TOWNSHIP',
            t.codes[1 + g % array_length(t.codes, 1)], t.codes[1 + g % array_length(t.codes, 1)],
            (ARRAY['EDU','HEALTH','FIRE_RESCUE','MARKET_REGULATION'])[1 + g % 4], now() + make_interval(hours => (g % 2000) - 1000), '[]'::jsonb, g % 4,
            now() - interval '60 days', now(), CASE WHEN g % 4 >= 2 THEN now() - interval '1 day' END
     FROM generate_series(1, $1 / 2) AS g, t`,
    [n],
  );
  await ds.query('VACUUM ANALYZE');
  return Math.round(performance.now() - started);
}
