import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { LoggedIn, TestApp, startTestApp } from '../support/test-app';

/**
 * README.md's "A first signed bank call", as printed: the demo seed (the CLI, against this file's database),
 * a key for the demo bank, then docs/examples/bank-request.sh and bank_client.py over real HTTP. The
 * statement it posts is ACCEPTED and raises no alert; the demo's own SHORTFALL stays the only open one.
 */
// The service answers in this process: the examples must run without blocking its event loop.
const run = async (cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> =>
  (await promisify(execFile)(cmd, args, { env, encoding: 'utf8', timeout: 30_000 })).stdout;

describe('README: a first signed bank call', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let env: NodeJS.ProcessEnv;
  let dir: string;
  const examples = path.resolve('docs/examples');

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date()) }); // the examples sign with the real clock
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const seed = execFileSync('node', ['dist/src/cli/seed.js', 'demo'], {
      env: { ...process.env, DATABASE_URL: t.runtime.databaseUrl, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
    });
    expect(seed).toContain('Escrow demo: bank ICBC_XIFENG, 3 escrow accounts');
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    const issued = await t.gql<{ issueBankApiKey: { keyId: string; secret: string } }>(
      'mutation { issueBankApiKey(input: { bankCode: "ICBC_XIFENG" }) { keyId secret } }',
      {},
      admin.token,
    );
    const key = issued.data!.issueBankApiKey;
    env = { ...process.env, BANK_URL: `http://127.0.0.1:${port}`, BANK_KEY_ID: key.keyId, BANK_SECRET: key.secret };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-bank-'));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const openAlerts = async () =>
    (
      await t.gql<{ escrowAlerts: { edges: { node: { type: string; accountNo: string } }[] } }>(
        '{ escrowAlerts(filter: { status: OPEN }, first: 50) { edges { node { type accountNo } } } }',
        {},
        admin.token,
      )
    ).data!.escrowAlerts.edges.map((e) => `${e.node.type} ${e.node.accountNo}`);

  it('lists the demo accounts the README names, posts the statement ACCEPTED without an alert, replays and de-duplicates it', async () => {
    const accounts = JSON.parse(
      await run(
        'bash',
        [path.join(examples, 'bank-request.sh'), 'GET', '/api/bank/v1/accounts?status=ACTIVE&limit=100'],
        env,
      ),
    ) as {
      accounts: { accountNo: string }[];
    };
    expect(accounts.accounts.map((a) => a.accountNo).sort()).toEqual([
      '6222020200100000',
      '6222020200100001',
      '6222020200100003',
    ]);
    expect(await openAlerts()).toEqual(['SHORTFALL 6222020200100000']);

    const today = execFileSync('date', ['+%F'], {
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    }).trim();
    const file = path.join(dir, 'statement.json');
    fs.writeFileSync(
      file,
      `{"statements":[{"accountNo":"6222020200100001","statementDate":"${today}","openingBalance":"8200.00","closingBalance":"8200.00","currency":"CNY","revision":0}]}`,
    );
    const post = async () =>
      (
        await run(
          'bash',
          [path.join(examples, 'bank-request.sh'), 'POST', '/api/bank/v1/statements', file, `stmt-${today}-001`],
          env,
        )
      ).trim();
    const accepted = '{"accepted":1,"duplicates":0,"rejected":0,"results":[{"index":0,"status":"ACCEPTED"}]}';
    expect(await post()).toBe(accepted);
    expect(await post()).toBe(accepted); // replayed under the same Idempotency-Key

    const python = await run(
      'python3',
      [path.join(examples, 'bank_client.py'), 'post', '/api/bank/v1/statements', file, 'stmt-python-001'],
      env,
    );
    expect(python).toContain('HTTP 200');
    expect(python).toContain('"status": "DUPLICATE"');

    await t.settle();
    expect(await openAlerts()).toEqual(['SHORTFALL 6222020200100000']);
  });
});
