import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { TEST_PASSWORD } from '../factories/identity.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { schemaOperations } from './graphql-placeholders';

/**
 * Every mutation of schema.gql leaves an audit row.
 *
 * A static check covers all of them: the resolver method of each mutation is found in src/, and the calls
 * it makes (`this.service.method(...)`, then `this.helper(...)` and further services, a few levels deep)
 * must reach `audit.record(...)`. Real calls then prove it for the mutations that are cheap to make succeed.
 */
const SRC = join(__dirname, '..', '..', 'src');

interface MethodInfo {
  className: string;
  body: string;
  /** `this.field.method(` and `this.method(` calls. */
  calls: { field?: string; method: string }[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Methods by `Class.method`, the classes' constructor fields with their types, and the mutation resolvers by name. */
function indexSource() {
  const methods = new Map<string, MethodInfo>();
  const fieldTypes = new Map<string, string>(); // `Class.field` → type name
  const mutations = new Map<string, string>(); // mutation name → `Class.method`
  for (const file of sourceFiles(SRC)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isClassDeclaration(node) && node.name) {
        const className = node.name.text;
        for (const member of node.members) {
          if (ts.isConstructorDeclaration(member)) {
            for (const p of member.parameters)
              if (ts.isIdentifier(p.name) && p.type)
                fieldTypes.set(`${className}.${p.name.text}`, p.type.getText(sf).replace(/<.*$/, ''));
          }
          if (ts.isPropertyDeclaration(member) && ts.isIdentifier(member.name) && member.type)
            fieldTypes.set(`${className}.${member.name.text}`, member.type.getText(sf).replace(/<.*$/, ''));
          if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name) || !member.body) continue;
          const body = member.body.getText(sf);
          const calls: MethodInfo['calls'] = [];
          for (const m of body.matchAll(/this\.(\w+)\.(\w+)\(/g)) calls.push({ field: m[1], method: m[2]! });
          for (const m of body.matchAll(/this\.(\w+)\(/g)) calls.push({ method: m[1]! });
          methods.set(`${className}.${member.name.text}`, { className, body, calls });
          const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
          for (const d of decorators) {
            const text = d.expression.getText(sf);
            if (!text.startsWith('Mutation(')) continue;
            const named = /name:\s*'(\w+)'/.exec(text);
            mutations.set(named ? named[1]! : member.name.text, `${className}.${member.name.text}`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { methods, fieldTypes, mutations };
}

/** Whether a method reaches `audit.record(` or `audit.recordMany(` (or either through a helper) within a few calls. */
function reachesAudit(start: string, index: ReturnType<typeof indexSource>): boolean {
  const seen = new Set<string>();
  let frontier = [start];
  for (let depth = 0; depth < 6 && frontier.length; depth++) {
    const next: string[] = [];
    for (const key of frontier) {
      if (seen.has(key)) continue;
      seen.add(key);
      const m = index.methods.get(key);
      if (!m) continue;
      if (/\baudit\w*\.record(Many)?\(/.test(m.body)) return true;
      for (const call of m.calls) {
        const cls = call.field ? index.fieldTypes.get(`${m.className}.${call.field}`) : m.className;
        if (cls) next.push(`${cls}.${call.method}`);
      }
    }
    frontier = next;
  }
  return false;
}

/** Mutations that change no record of the service and so have nothing to audit (each with its reason). */
const NOT_AUDITED: Record<string, string> = {
  markNotificationRead:
    "a user's own read mark on a message to them: personal inbox state, no record of the service changes",
  markAllNotificationsRead: "the same for all of a user's messages",
};

describe('audit completeness', () => {
  const mutations = schemaOperations()
    .filter((op) => op.kind === 'mutation')
    .map((op) => op.name);

  it('finds a resolver for every mutation of schema.gql, and each reaches audit.record (static check)', () => {
    const index = indexSource();
    const missing = mutations.filter((name) => !index.mutations.has(name));
    expect(missing).toEqual([]);
    const unaudited = mutations.filter(
      (name) => !NOT_AUDITED[name] && !reachesAudit(index.mutations.get(name)!, index),
    );
    expect(unaudited).toEqual([]);
    console.log(`audit completeness: ${mutations.length} mutations checked statically`);
  });

  describe('real calls', () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await startTestApp({ clock: new FixedClock('2026-11-25T02:00:00Z') });
      admin = (await t.loginAs(Role.COUNTY_ADMIN)).token;
    });
    afterAll(() => t?.close());

    const auditRows = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;

    /** How to make each cheap mutation succeed; `data` must come back and at least one audit row must be added. */
    const CALLS: [
      string,
      (t: TestApp) => Promise<{ query: string; variables?: Record<string, unknown>; token?: string }>,
    ][] = [
      [
        'createUser',
        async () => ({
          query: `mutation($i: CreateUserInput!) { createUser(input: $i) { id } }`,
          variables: {
            i: { username: `u${Date.now()}`, password: TEST_PASSWORD, role: 'COUNTY_ADMIN', displayName: '审计' },
          },
          token: admin,
        }),
      ],
      [
        'updateUserRole',
        async () => ({
          query: `mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { id } }`,
          variables: { i: { userId: (await t.loginAs(Role.INSPECTOR)).id, role: 'DEPARTMENT_OFFICER', scope: 'EDU' } },
          token: admin,
        }),
      ],
      [
        'disableUser',
        async () => ({
          query: `mutation($id: ID!) { disableUser(input: { userId: $id }) { id } }`,
          variables: { id: (await t.loginAs(Role.INSPECTOR)).id },
          token: admin,
        }),
      ],
      [
        'resetUserPassword',
        async () => ({
          query: `mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { id } }`,
          variables: { i: { userId: (await t.loginAs(Role.INSPECTOR)).id, newPassword: 'another-long-password-1' } },
          token: admin,
        }),
      ],
      [
        'registerPartnerBank',
        async () => ({
          query: `mutation($i: RegisterPartnerBankInput!) { registerPartnerBank(input: $i) { code } }`,
          variables: { i: { code: `BANK_AUDIT${Date.now() % 100000}`, name: '审计银行' } },
          token: admin,
        }),
      ],
      [
        'issueBankApiKey',
        async () => ({
          query: `mutation($c: String!) { issueBankApiKey(input: { bankCode: $c }) { keyId } }`,
          variables: { c: (await t.registerBank()).bankCode },
          token: admin,
        }),
      ],
      [
        'revokeBankApiKey',
        async () => ({
          query: `mutation($k: String!) { revokeBankApiKey(input: { keyId: $k }) { keyId } }`,
          variables: { k: (await t.registerBank()).keyId },
          token: admin,
        }),
      ],
      [
        'login',
        async () => {
          const user = await t.loginAs(Role.INSPECTOR);
          return {
            query: `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`,
            variables: { i: { username: user.username, password: user.password } },
          };
        },
      ],
    ];

    it.each(CALLS)('%s leaves an audit row', async (name, make) => {
      const { query, variables, token } = await make(t);
      const before = await auditRows();
      const res = await t.gql(query, variables, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.[name]).toBeTruthy();
      expect(await auditRows()).toBeGreaterThan(before);
    });
  });
});
