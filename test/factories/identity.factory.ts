import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { IdentityFacade } from '../../src/modules/identity';
import { systemPrincipal } from '../../src/platform/auth/principal';
import { Role } from '../../src/platform/auth/role';

export const TEST_PASSWORD = 'correct-horse-battery-staple';
const FACTORY = systemPrincipal('test-factory');

/** A scope that exists in the seeded reference data for each scoped role (school ids must be given). */
export function defaultScope(role: Role): string | undefined {
  switch (role) {
    case Role.DEPARTMENT_OFFICER:
    case Role.INSPECTOR:
      return 'EDU';
    case Role.TOWNSHIP_OFFICER:
      return '520122001';
    case Role.SCHOOL_ADMIN:
      throw new Error('a SCHOOL_ADMIN needs a school id as scope');
    default:
      return undefined;
  }
}

export interface CreatedUser {
  id: string;
  username: string;
  password: string;
  role: Role;
}

/** A user made through the real service (hashing, scope checks, audit row), by the test "system". */
export async function createUser(
  app: INestApplication,
  role: Role,
  scope: string | undefined = defaultScope(role),
  overrides: { username?: string; password?: string; displayName?: string } = {},
): Promise<CreatedUser> {
  const username = overrides.username ?? `${role.toLowerCase().replace(/_/g, '-')}-${randomBytes(4).toString('hex')}`;
  const password = overrides.password ?? TEST_PASSWORD;
  const user = await app
    .get(IdentityFacade)
    .createUser(FACTORY, { username, password, role, scope, displayName: overrides.displayName ?? `Test ${role}` });
  return { id: user.id, username: user.username, password, role };
}

export interface TestBankKey {
  bankCode: string;
  keyId: string;
  secret: string;
}

/** A partner bank with one API key, through the real service. */
export async function createBankWithKey(
  app: INestApplication,
  code = `BANK_${randomBytes(4).toString('hex').toUpperCase()}`,
): Promise<TestBankKey> {
  const banks = app.get(IdentityFacade);
  await banks.registerBank(FACTORY, { code, name: `测试银行 ${code}` });
  const key = await banks.issueBankKey(FACTORY, code);
  return { bankCode: code, keyId: key.keyId, secret: key.secret };
}

/** Another key for an existing bank. */
export async function issueKey(app: INestApplication, bankCode: string): Promise<TestBankKey> {
  const key = await app.get(IdentityFacade).issueBankKey(FACTORY, bankCode);
  return { bankCode, keyId: key.keyId, secret: key.secret };
}
