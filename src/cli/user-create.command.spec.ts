import { Role } from '../platform/auth/role';
import { parseUserCreateArgs } from './user-create.command';

describe('npm run user:create arguments', () => {
  it('reads the flags, with separate or inline values, and the role in any case', () => {
    expect(
      parseUserCreateArgs(['--username', 'admin', '--password', 'a long passphrase', '--role', 'county_admin']),
    ).toEqual({
      username: 'admin',
      password: 'a long passphrase',
      role: Role.COUNTY_ADMIN,
      scope: undefined,
      displayName: undefined,
    });
    expect(
      parseUserCreateArgs([
        '--username=li',
        '--password=p=q',
        '--role=TOWNSHIP_OFFICER',
        '--scope',
        '520122001',
        '--display-name',
        '李四',
      ]),
    ).toMatchObject({
      password: 'p=q',
      role: Role.TOWNSHIP_OFFICER,
      scope: '520122001',
      displayName: '李四',
    });
  });

  it('explains what is wrong, with the usage', () => {
    expect(() => parseUserCreateArgs([])).toThrow(/--username is required[\s\S]*Usage: npm run user:create/);
    expect(() => parseUserCreateArgs(['--username', 'a', '--password', 'b', '--role', 'KING'])).toThrow(
      /--role must be one of COUNTY_ADMIN/,
    );
    expect(() => parseUserCreateArgs(['--username', 'a', '--password'])).toThrow(/--password needs a value/);
    expect(() => parseUserCreateArgs(['--user', 'a'])).toThrow(/Unknown argument: --user/);
    expect(() => parseUserCreateArgs(['--username', 'a', '--username', 'b'])).toThrow(/given twice/);
  });
});
