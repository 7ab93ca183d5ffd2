import { Role } from './role';
import { ANONYMOUS, actorName, systemPrincipal } from './principal';

describe('actorName', () => {
  it('names a user by username', () => {
    expect(
      actorName({
        kind: 'user',
        userId: '0b5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a69',
        username: 'zhang.wei',
        role: Role.COUNTY_ADMIN,
      }),
    ).toBe('zhang.wei');
  });

  it('names a scheduled job or tool as system:<name>', () => {
    expect(actorName(systemPrincipal('credit.whitelist-review'))).toBe('system:credit.whitelist-review');
  });

  it('names a bank by its bank code, not by the key that signed (keys rotate; the audit log names the bank the same way)', () => {
    expect(actorName({ kind: 'bank', bankCode: 'ICBC_XIFENG', keyId: 'bk_2026' })).toBe('bank:ICBC_XIFENG');
    expect(actorName({ kind: 'bank', bankCode: 'ICBC_XIFENG', keyId: 'bk_2027' })).toBe('bank:ICBC_XIFENG');
  });

  it('names anyone else anonymous', () => {
    expect(actorName(ANONYMOUS)).toBe('anonymous');
  });
});
