import { Conflict, DomainError, Forbidden, NotFound, TooManyRequests } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

/** Wrong username, wrong password or a disabled account: one answer, so none can be told apart. */
export const invalidCredentials = (): DomainError =>
  new DomainError('INVALID_CREDENTIALS', text('The username or password is not correct', '用户名或密码不正确'), 401);

export const tooManyLoginAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_LOGIN_ATTEMPTS',
    text(
      `Too many failed logins; try again in ${retryAfterSeconds} s`,
      `登录失败次数过多，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );

/** changeMyPassword: the current password given is not the user's password (counted like a failed login). */
export const currentPasswordIncorrect = (): DomainError =>
  new DomainError('CURRENT_PASSWORD_INCORRECT', text('The current password is not correct', '当前密码不正确'), 400, [
    { path: 'currentPassword', message: text('is not correct', '不正确') },
  ]);

export const invalidScope = (message: Text): DomainError =>
  new DomainError('INVALID_SCOPE', message, 400, [{ path: 'scope', message }]);

export const userNotFound = (id: string): NotFound => new NotFound(text(`User ${id}`, `用户 ${id}`), 'USER_NOT_FOUND');
export const usernameTaken = (username: string): Conflict =>
  new Conflict('USERNAME_TAKEN', text(`The username "${username}" is taken`, `用户名“${username}”已被占用`));
export const lastAdmin = (): Conflict =>
  new Conflict(
    'LAST_ADMIN',
    text(
      'This is the last active county administrator; create another one first',
      '这是最后一个在用的县级管理员账号，请先创建另一个管理员',
    ),
  );
/** Creating an institution administrator: the county office, or the institution's competent supervising department. */
export const institutionAdminForbidden = (): Forbidden =>
  new Forbidden(
    text(
      'Institution administrators are created by the county office or by an officer of the department supervising the institution (its competent department)',
      '机构管理员账号由县级管理部门或该机构主管部门的工作人员创建',
    ),
    'INSTITUTION_ADMIN_FORBIDDEN',
  );
export const bankNotFound = (code: string): NotFound =>
  new NotFound(text(`Partner bank ${code}`, `合作银行 ${code}`), 'BANK_NOT_FOUND');
export const bankExists = (code: string): Conflict =>
  new Conflict(
    'BANK_ALREADY_EXISTS',
    text(`A partner bank with code ${code} already exists`, `代码为 ${code} 的合作银行已存在`),
  );
export const bankKeyNotFound = (keyId: string): NotFound =>
  new NotFound(text(`API key ${keyId}`, `接口密钥 ${keyId}`), 'BANK_KEY_NOT_FOUND');
export const bankKeyLimit = (code: string): Conflict =>
  new Conflict(
    'BANK_KEY_LIMIT',
    text(
      `Partner bank ${code} already has two active API keys; revoke one before issuing another`,
      `合作银行 ${code} 已有两个有效的接口密钥，请先吊销一个再签发新的`,
    ),
  );

/** setupFirstAdmin once a county administrator exists. */
export const setupAlreadyDone = (): Conflict =>
  new Conflict(
    'SETUP_ALREADY_DONE',
    text(
      'The first administrator has been set up already; ask a county administrator for an account',
      '首个管理员已设置，请向县级管理员申请账号',
    ),
  );

/** setupFirstAdmin with a code that is wrong, expired or from an earlier start. */
export const setupCodeInvalid = (): DomainError =>
  new DomainError(
    'SETUP_CODE_INVALID',
    text(
      'The setup code is not valid: use the one in the latest start-up log (it expires after 24 h)',
      '初始化码无效：请使用最近一次启动日志中的初始化码（24 小时后失效）',
    ),
    400,
    [{ path: 'setupCode', message: text('is not valid', '无效') }],
  );

export const tooManySetupAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_SETUP_ATTEMPTS',
    text(
      `Too many wrong setup codes; try again in ${retryAfterSeconds} s`,
      `初始化码错误次数过多，请 ${retryAfterSeconds} 秒后重试`,
    ),
    retryAfterSeconds,
  );

export const platformNotFound = (code: string): NotFound =>
  new NotFound(text(`Partner platform ${code}`, `合作平台 ${code}`), 'PLATFORM_NOT_FOUND');
export const platformExists = (code: string): Conflict =>
  new Conflict(
    'PLATFORM_ALREADY_EXISTS',
    text(`A partner platform with code ${code} already exists`, `代码为 ${code} 的合作平台已存在`),
  );
export const platformKeyNotFound = (keyId: string): NotFound =>
  new NotFound(text(`Platform API key ${keyId}`, `平台接口密钥 ${keyId}`), 'PLATFORM_KEY_NOT_FOUND');
export const platformKeyLimit = (code: string): Conflict =>
  new Conflict(
    'PLATFORM_KEY_LIMIT',
    text(
      `Partner platform ${code} already has two active API keys; revoke one before issuing another`,
      `合作平台 ${code} 已有两个有效的接口密钥，请先吊销一个再签发新的`,
    ),
  );

export const creditPlatformNotFound = (code: string): NotFound =>
  new NotFound(text(`Credit-sharing platform ${code}`, `信用信息共享平台 ${code}`), 'CREDIT_PLATFORM_NOT_FOUND');
export const creditPlatformExists = (code: string): Conflict =>
  new Conflict(
    'CREDIT_PLATFORM_ALREADY_EXISTS',
    text(`A credit-sharing platform with code ${code} already exists`, `代码为 ${code} 的信用信息共享平台已存在`),
  );
export const creditPlatformKeyNotFound = (keyId: string): NotFound =>
  new NotFound(
    text(`Credit-sharing platform API key ${keyId}`, `信用信息共享平台接口密钥 ${keyId}`),
    'CREDIT_PLATFORM_KEY_NOT_FOUND',
  );
export const creditPlatformKeyLimit = (code: string): Conflict =>
  new Conflict(
    'CREDIT_PLATFORM_KEY_LIMIT',
    text(
      `Credit-sharing platform ${code} already has two active API keys; revoke one before issuing another`,
      `信用信息共享平台 ${code} 已有两个有效的接口密钥，请先吊销一个再签发新的`,
    ),
  );
