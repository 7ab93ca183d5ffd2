import { UserPrincipal } from '../../platform/auth/principal';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { User } from './entities/user.entity';
import { text } from '../../platform/i18n/text';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export function toPrincipal(user: User): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}),
    ...(user.townshipCode ? { townshipCode: user.townshipCode } : {}),
    ...(user.schoolId ? { schoolId: user.schoolId } : {}),
    ...(user.institutionId ? { institutionId: user.institutionId } : {}),
  };
}

/** The password policy, for every way a password is set: 10–128 characters and not the username (any case). */
export function checkPassword(password: string, path: string, username?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationFailed([
      {
        path,
        message: text(
          `must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`,
          `须为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 个字符`,
        ),
      },
    ]);
  }
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw new ValidationFailed([{ path, message: text('must not be the username', '不能与用户名相同') }]);
  }
}

export function normaliseUsername(username: string): string {
  const trimmed = username.trim();
  if (!USERNAME_PATTERN.test(trimmed))
    throw new ValidationFailed([
      {
        path: 'username',
        message: text(
          'must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit',
          '须为 3–64 个字符（A-Z、a-z、0-9、.、_、-），以字母或数字开头',
        ),
      },
    ]);
  return trimmed.toLowerCase();
}
