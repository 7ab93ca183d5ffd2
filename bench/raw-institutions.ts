import * as http from 'node:http';
import { Pool } from 'pg';

/**
 * The physical limit for bench/graphql-read.ts: a minimal `node:http` + `pg` handler that answers the
 * front end's institution list with the same JSON as the service's GraphQL `institutions` query, from
 * the same database — one SQL statement per request (page and count together), no framework, no
 * authentication, no validation. Run as its own process, like the service: PORT, DATABASE_URL, DB_POOL_SIZE.
 */
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
  application_name: 'bench-raw',
});

const money = (fen: string | null): string | null => {
  if (fen === null) return null;
  const v = BigInt(fen);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
};
const cursor = (name: string, id: string) => Buffer.from(JSON.stringify([name, id])).toString('base64url');

const SQL = `
WITH page AS (
  SELECT i.id, i.name, i.credit_code, i.status, i.township_code FROM institution i
  WHERE i.township_code = $1 ORDER BY i.name, i.id LIMIT $2 + 1)
SELECT p.*, t.name AS township_name, (SELECT count(*)::int FROM institution WHERE township_code = $1) AS total,
       a.id AS account_id, a.account_no, a.bank_code, a.status AS account_status, a.required_custody_fen::text AS required_fen,
       s.statement_date::text AS statement_date, s.closing_fen::text AS closing_fen,
       (SELECT count(*)::int FROM escrow_alert e WHERE e.institution_id = p.id AND e.status <> 'RESOLVED') AS alerts,
       c.kind AS standing, c.effective_on::text AS effective_on, c.expires_on::text AS expires_on,
       (SELECT count(*)::int FROM supervision_task k WHERE k.institution_id = p.id AND k.status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','RETURNED')) AS tasks
FROM page p
JOIN township t ON t.code = p.township_code
LEFT JOIN LATERAL (SELECT * FROM escrow_account x WHERE x.institution_id = p.id ORDER BY (x.status <> 'CLOSED') DESC, x.opened_at DESC LIMIT 1) a ON true
LEFT JOIN LATERAL (SELECT statement_date, closing_fen FROM escrow_statement y WHERE y.account_id = a.id ORDER BY statement_date DESC, revision DESC LIMIT 1) s ON true
LEFT JOIN LATERAL (SELECT kind, effective_on, expires_on FROM credit_entry z WHERE z.institution_id = p.id AND z.status IN ('PUBLISHED','REMOVAL_PROPOSED')
                   ORDER BY CASE kind WHEN 'BLACK' THEN 0 WHEN 'GREY' THEN 1 ELSE 2 END LIMIT 1) c ON true
ORDER BY p.name, p.id`;

interface Row {
  id: string;
  name: string;
  credit_code: string;
  status: string;
  township_code: string;
  township_name: string;
  total: number;
  account_id: string | null;
  account_no: string;
  bank_code: string;
  account_status: string;
  required_fen: string;
  statement_date: string | null;
  closing_fen: string | null;
  alerts: number;
  standing: string | null;
  effective_on: string | null;
  expires_on: string | null;
  tasks: number;
}

async function answer(body: string): Promise<unknown> {
  const { variables } = JSON.parse(body) as { variables: { first: number; township: string } };
  const first = variables.first;
  const { rows } = await pool.query<Row>(SQL, [variables.township, first]);
  const nodes = rows.slice(0, first).map((r) => {
    const required = BigInt(r.required_fen ?? '0');
    const closing = r.closing_fen === null ? null : BigInt(r.closing_fen);
    return {
      cursor: cursor(r.name, r.id),
      node: {
        id: r.id,
        name: r.name,
        creditCode: r.credit_code,
        status: r.status,
        township: { code: r.township_code, name: r.township_name },
        escrowAccount: r.account_id
          ? {
              id: r.account_id,
              accountNo: r.account_no,
              bankCode: r.bank_code,
              status: r.account_status,
              custody: {
                required: money(r.required_fen),
                latestBalance: money(r.closing_fen),
                latestStatementDate: r.statement_date,
                shortfall: closing === null ? null : money(String(required > closing ? required - closing : 0n)),
              },
            }
          : null,
        openEscrowAlertCount: r.alerts,
        creditStanding: { standing: r.standing ?? 'NONE', effectiveOn: r.effective_on, expiresOn: r.expires_on },
        openTaskCount: r.tasks,
      },
    };
  });
  return {
    data: {
      institutions: {
        totalCount: rows[0]?.total ?? 0,
        pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.at(-1)?.cursor ?? null },
        edges: nodes,
      },
    },
  };
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8')).then(
      (json) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('raw handler ready\n'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
