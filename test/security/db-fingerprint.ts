import { DataSource } from 'typeorm';

/** The tables a refused bank post or complaint must leave exactly as they were. */
export const GUARDED_TABLES = [
  'escrow_account',
  'escrow_statement',
  'escrow_transaction',
  'escrow_alert',
  'escrow_instruction',
  'complaint',
  'complaint_timeline_entry',
  'audit_log',
  'notification',
];

/** Row count and an md5 over every row of each guarded table (rows ordered by their text, so no id is needed). */
export async function fingerprint(dataSource: DataSource, tables = GUARDED_TABLES): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM ${table} t`,
    );
    out[table] = `${row.n}:${row.sum}`;
  }
  return out;
}
