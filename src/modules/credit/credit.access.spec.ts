import { Role } from '../../platform/auth/role';
import { UserPrincipal, systemPrincipal } from '../../platform/auth/principal';
import { standingOf } from './credit-entry.types';
import { assertApprover, assertProposer, isApprover } from './credit.access';
import { CreditEntry, CreditListKind } from './entities/credit-entry.entity';

const user = (role: Role, departmentCode?: string): UserPrincipal => ({
  kind: 'user',
  userId: 'u',
  username: 'x',
  role,
  departmentCode,
});

describe('credit access rules', () => {
  it('approvers: the county office and Education Bureau officers only', () => {
    expect(isApprover(user(Role.COUNTY_ADMIN))).toBe(true);
    expect(isApprover(user(Role.DEPARTMENT_OFFICER, 'EDU'))).toBe(true);
    expect(isApprover(user(Role.DEPARTMENT_OFFICER, 'MARKET_REGULATION'))).toBe(false);
    expect(isApprover(user(Role.INSPECTOR, 'EDU'))).toBe(false);
    expect(isApprover(user(Role.DISCIPLINE_SUPERVISOR))).toBe(false);
    expect(isApprover(systemPrincipal('job'))).toBe(false);
    expect(() => assertApprover(user(Role.TOWNSHIP_OFFICER))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('proposers: the county office, any department officer and the service itself', () => {
    expect(() => assertProposer(user(Role.DEPARTMENT_OFFICER, 'TAX'))).not.toThrow();
    expect(() => assertProposer(systemPrincipal('credit.whitelist-review'))).not.toThrow();
    expect(() => assertProposer(user(Role.DISCIPLINE_SUPERVISOR))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertProposer(user(Role.TOWNSHIP_OFFICER))).toThrow();
  });
});

describe('standing', () => {
  const entry = (kind: CreditListKind, effectiveOn: string) =>
    ({ kind, effectiveOn, expiresOn: null, institutionId: 'i' }) as CreditEntry;
  it('is BLACK over GREY over WHITE, NONE without published entries', () => {
    expect(
      standingOf('i', [entry(CreditListKind.WHITE, '2026-01-01'), entry(CreditListKind.BLACK, '2026-02-01')]),
    ).toEqual({ institutionId: 'i', standing: 'BLACK', effectiveOn: '2026-02-01', expiresOn: null });
    expect(
      standingOf('i', [entry(CreditListKind.WHITE, '2026-01-01'), entry(CreditListKind.GREY, '2026-03-01')]).standing,
    ).toBe('GREY');
    expect(standingOf('i', [])).toEqual({ institutionId: 'i', standing: 'NONE', effectiveOn: null, expiresOn: null });
  });
});
