import { Role } from '../../src/platform/auth/role';
import { TestBankKey } from '../factories/identity.factory';
import { TestAccount, openAccount } from '../factories/escrow.factory';
import { LoggedIn, TestApp } from '../support/test-app';

export const PAYMENTS = '/api/bank/v1/instructions?status=PENDING&actions=FREEZE,UNFREEZE,RELEASE,REFUND';
export const STRICT = '/api/bank/v1/instructions?status=PENDING';
/** 10:00 in Xifeng on a business date. */
export const at = (date: string): string => `${date}T02:00:00Z`;

export interface BankInstruction {
  id: string;
  action: string;
  amount?: string;
  contractIds?: string[];
  payeeRef?: string;
}

/**
 * One institution with an escrow account at a bank, its administrator (a real user, logged in through the
 * token service at the clock's time), a county administrator, and a course; the prepaid entry points as
 * the institution, the staff and the bank reach them (GraphQL, signed bank REST).
 */
export interface PrepaidWorld {
  admin: LoggedIn;
  instAdmin: LoggedIn;
  bank: TestBankKey;
  account: TestAccount;
  courseId: string;
  /** Tokens issued at the clock's time (the clock moves weeks ahead). */
  inst(): string;
  staff(): string;
  gql<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T>;
  register(input: Record<string, unknown>): Promise<{ id: string; code: string }>;
  record(contractId: string, taughtOn: string, lessons?: number): Promise<string>;
  /** POST /transactions on the account (bookedAt now), expects every item accepted, then lets subscribers run. */
  post(items: Record<string, unknown>[]): Promise<void>;
  pending(path?: string): Promise<BankInstruction[]>;
  ack(id: string, outcome?: 'EXECUTED' | 'REFUSED', note?: string): Promise<void>;
}

export async function prepaidWorld(t: TestApp): Promise<PrepaidWorld> {
  const admin = await t.loginAs(Role.COUNTY_ADMIN);
  const bank = await t.registerBank();
  const account = await openAccount(t, admin.token, bank.bankCode);
  const instAdmin = await t.loginAs(Role.INSTITUTION_ADMIN, account.institution.id);
  // The course is a registry fixture: Monday, Wednesday and Friday evenings, one lesson hour each.
  const [course] = await t.dataSource.query(
    `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen,
       term_start, term_end, weekly_slots, extra_sessions, created_at)
     VALUES ($1, '少儿美术', 'ART', false, '{3,4}', 'OFFLINE', 60, 15000, '2026-09-01', '2026-12-31', $2, '[]', now()) RETURNING id`,
    [
      account.institution.id,
      JSON.stringify([
        { weekday: 1, start: '17:00', end: '18:00' },
        { weekday: 3, start: '17:00', end: '18:00' },
        { weekday: 5, start: '17:00', end: '18:00' },
      ]),
    ],
  );
  const gql = async <T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> => {
    const res = await t.gql<T>(query, variables, token);
    if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const inst = () => t.tokenFor(instAdmin.id);
  const world: PrepaidWorld = {
    admin,
    instAdmin,
    bank,
    account,
    courseId: course.id,
    inst,
    staff: () => t.tokenFor(admin.id),
    gql,
    async register(input) {
      const r = await gql<{ registerPrepaidContract: { contractCode: string; contract: { id: string } } }>(
        `mutation($i: RegisterPrepaidContractInput!) { registerPrepaidContract(input: $i) { contractCode contract { id } } }`,
        {
          i: {
            courseId: course.id,
            paymentRoute: 'ESCROW_ACCOUNT',
            paymentMethod: 'BANK_TRANSFER',
            refundTerms: '未消课时按合同单价全额退还',
            ...input,
          },
        },
        inst(),
      );
      return { id: r.registerPrepaidContract.contract.id, code: r.registerPrepaidContract.contractCode };
    },
    async record(contractId, taughtOn, lessons = 1) {
      const r = await gql<{ recordPrepaidLessons: { id: string } }>(
        `mutation($i: RecordPrepaidLessonsInput!) { recordPrepaidLessons(input: $i) { id } }`,
        { i: { contractId, taughtOn, lessons } },
        inst(),
      );
      return r.recordPrepaidLessons.id;
    },
    async post(items) {
      const res = await t
        .bankRequest(
          'POST',
          '/api/bank/v1/transactions',
          {
            transactions: items.map((i) => ({
              accountNo: account.accountNo,
              bookedAt: t.clock.now().toISOString(),
              currency: 'CNY',
              ...i,
            })),
          },
          bank,
        )
        .expect(200);
      if (res.body.accepted !== items.length) throw new Error(`transactions not accepted: ${JSON.stringify(res.body)}`);
      await t.settle();
    },
    async pending(path = PAYMENTS) {
      return (await t.bankRequest('GET', path, undefined, bank).expect(200)).body.instructions;
    },
    async ack(id, outcome = 'EXECUTED', note) {
      await t
        .bankRequest(
          'POST',
          `/api/bank/v1/instructions/${id}/ack`,
          { outcome, executedAt: t.clock.now().toISOString(), ...(note ? { note } : {}) },
          bank,
        )
        .expect(200);
      await t.settle();
    },
  };
  return world;
}
