import { randomInt } from 'node:crypto';
import { InstitutionSummary } from '../../src/modules/registry';
import { TestApp } from '../support/test-app';
import { createInstitution } from './registry.factory';

export interface TestAccount {
  id: string;
  accountNo: string;
  institution: InstitutionSummary;
}

let counter = 0;

/** A fresh account number (digits, unique within the run). */
export function accountNumber(): string {
  counter += 1;
  return `6222${String(randomInt(10_000_000)).padStart(7, '0')}${String(counter).padStart(5, '0')}`;
}

/** An operating institution with an escrow account at the bank, opened through GraphQL as the county office would. */
export async function openAccount(
  t: TestApp,
  adminToken: string,
  bankCode: string,
  institution?: InstitutionSummary,
): Promise<TestAccount> {
  const inst = institution ?? (await createInstitution(t));
  const accountNo = accountNumber();
  const res = await t.gql<{ openEscrowAccount: { id: string } }>(
    `mutation($input: OpenEscrowAccountInput!) { openEscrowAccount(input: $input) { id } }`,
    { input: { institutionId: inst.id, bankCode, accountNo } },
    adminToken,
  );
  if (!res.data) throw new Error(`openEscrowAccount failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.openEscrowAccount.id, accountNo, institution: inst };
}
