import { ANONYMOUS, systemPrincipal } from '../auth/principal';
import { Role } from '../auth/role';
import { actorColumns, redactSecrets } from './audit.service';

describe('audit entries', () => {
  it('record who acted: a user, a bank key, the service or nobody', () => {
    expect(actorColumns({ kind: 'user', userId: 'u-1', username: 'admin', role: Role.COUNTY_ADMIN })).toEqual({
      actorKind: 'user',
      actorUserId: 'u-1',
      actorBankKeyId: null,
      actorName: 'admin',
    });
    expect(actorColumns({ kind: 'bank', bankCode: 'ICBC', keyId: 'bk_1' })).toMatchObject({
      actorKind: 'bank',
      actorBankKeyId: 'bk_1',
      actorName: 'ICBC',
    });
    expect(actorColumns(systemPrincipal('cli'))).toMatchObject({ actorKind: 'system', actorName: 'cli' });
    expect(actorColumns(ANONYMOUS)).toMatchObject({ actorKind: 'anonymous', actorUserId: null });
  });

  it('never keep a password, secret or token in the summary', () => {
    expect(
      redactSecrets({ username: 'a', password: 'p', nested: [{ apiSecret: 's', keep: 1 }], accessToken: 't' }),
    ).toEqual({
      username: 'a',
      password: '[redacted]',
      nested: [{ apiSecret: '[redacted]', keep: 1 }],
      accessToken: '[redacted]',
    });
  });
});
