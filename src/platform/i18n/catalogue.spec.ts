import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, FieldProblem, SelfApprovalForbidden, ServiceUnavailable } from '../errors/domain-error';
import { BankAuthFailed, Unauthenticated, tokenExpired, tokenInvalid } from '../auth/auth.errors';
import { IdempotencyKeyReused } from '../http/idempotency';
import { Text } from './text';

const CJK = /[\u4e00-\u9fff]/;
const SAMPLE: Text = { en: 'sample', zh: '示例' };
const PROBLEM: FieldProblem = { path: 'field', message: SAMPLE };

/** Arguments for the factories that take more than strings and numbers (every other parameter: 'X1'). */
const ARGS: Record<string, unknown[]> = {
  planRulesBroken: [[SAMPLE]],
  planNotEditable: ['DRAFT', 'submitted'],
  staffRejected: [SAMPLE],
  invalidAfterSchoolInput: ['field', SAMPLE],
  notEligibleForWhitelist: [[SAMPLE]],
  custodyOutstanding: ['required custody', '1.00'],
  instructionNotApplicable: [SAMPLE],
  institutionNotOperating: ['SUSPENDED'],
  invalidScope: [SAMPLE],
  policyValueOutOfBounds: [SAMPLE],
  policyValueInvalid: ['k', SAMPLE],
  chargeOverCap: [[PROBLEM]],
  courseNotAllowed: [SAMPLE],
  paymentRouteUnavailable: [SAMPLE],
  lessonDateRefused: [SAMPLE],
  invalidCreditCode: [SAMPLE],
  notSubjectInstitution: ['cmd', SAMPLE],
  trainingTimeViolation: [[PROBLEM]],
  invalidAssignee: [SAMPLE],
  illegalTransition: ['cmd', 'APPLIED', ['A', 'B']],
  illegalLeadTransition: ['cmd', 'OPEN', ['A', 'B']],
  dashboardOutOfScope: ['X1'],
  enrolmentRulesBroken: [[{ code: 'C', ...PROBLEM }]],
  enrolmentPlanStatusConflict: ['SUBMITTED', 'changed'],
};

function errorFiles(): string[] {
  const modules = join(__dirname, '..', '..', 'modules');
  const files = readdirSync(modules).flatMap((m) =>
    readdirSync(join(modules, m))
      .filter((f) => f.endsWith('.errors.ts'))
      .map((f) => join(modules, m, f)),
  );
  return [
    ...files,
    join(__dirname, '..', 'graphql', 'node.errors.ts'),
    join(__dirname, '..', 'auth', 'auth.errors.ts'),
  ];
}

function expectBothLanguages(what: string, message: Text): void {
  expect({ what, en: message.en.trim().length > 0 }).toEqual({ what, en: true });
  expect({ what, zh: CJK.test(message.zh) }).toEqual({ what, zh: true });
  expect({ what, differs: message.zh !== message.en }).toEqual({ what, differs: true });
}

function expectError(what: string, error: unknown): void {
  expect(error).toBeInstanceOf(DomainError);
  const e = error as DomainError;
  expectBothLanguages(what, e.text);
  expect(e.message).toBe(e.text.en);
  for (const p of e.errors ?? []) if (p.message !== SAMPLE) expectBothLanguages(`${what} ${p.path}`, p.message);
}

describe('the message catalogue', () => {
  const factories: [string, (...args: unknown[]) => unknown][] = [];
  for (const file of errorFiles()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(file) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue;
      factories.push([`${file.split('/').slice(-2).join('/')} ${name}`, value as (...args: unknown[]) => unknown]);
    }
  }

  it('finds the error factories of every module', () => {
    expect(factories.length).toBeGreaterThan(120);
  });

  it('every error factory writes its message (and its field problems) in English and Chinese', () => {
    for (const [what, factory] of factories) {
      const name = what.split(' ')[1]!;
      const args = ARGS[name] ?? Array.from({ length: factory.length }, (_, i) => `X${i + 1}`);
      expectError(what, factory(...args));
      // Optional arguments left out (a message without the detail): still both languages.
      if (!ARGS[name] && factory.length > 0) {
        const fewer = factory();
        if (fewer instanceof DomainError) expectError(`${what}()`, fewer);
      }
    }
  });

  it('so do the platform errors', () => {
    expectError('ServiceUnavailable', new ServiceUnavailable());
    expectError('SelfApprovalForbidden', new SelfApprovalForbidden());
    expectError('Unauthenticated', new Unauthenticated());
    expectError('tokenInvalid', tokenInvalid());
    expectError('tokenExpired', tokenExpired());
    expectError('IdempotencyKeyReused', new IdempotencyKeyReused());
    for (const code of ['KEY_UNKNOWN', 'KEY_REVOKED', 'SIGNATURE_INVALID', 'TIMESTAMP_OUT_OF_WINDOW'] as const)
      expectError(code, new BankAuthFailed(code));
  });
});
