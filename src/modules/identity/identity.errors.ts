import { Conflict, DomainError, Forbidden, NotFound, TooManyRequests } from '../../platform/errors/domain-error';

/** Wrong username, wrong password or a disabled account: one answer, so none can be told apart. */
export const invalidCredentials = (): DomainError =>
  new DomainError('INVALID_CREDENTIALS', 'The username or password is not correct', 401);

export const tooManyLoginAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_LOGIN_ATTEMPTS',
    `Too many failed logins; try again in ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );

/** changeMyPassword: the current password given is not the user's password (counted like a failed login). */
export const currentPasswordIncorrect = (): DomainError =>
  new DomainError('CURRENT_PASSWORD_INCORRECT', 'The current password is not correct', 400, [
    { path: 'currentPassword', message: 'is not correct' },
  ]);

export const invalidScope = (message: string): DomainError =>
  new DomainError('INVALID_SCOPE', message, 400, [{ path: 'scope', message }]);

export const userNotFound = (id: string): NotFound => new NotFound(`User ${id}`, 'USER_NOT_FOUND');
export const usernameTaken = (username: string): Conflict =>
  new Conflict('USERNAME_TAKEN', `The username "${username}" is taken`);
export const lastAdmin = (): Conflict =>
  new Conflict('LAST_ADMIN', 'This is the last active county administrator; create another one first');
/** Creating an institution administrator: the county office, or the institution's competent supervising department. */
export const institutionAdminForbidden = (): Forbidden =>
  new Forbidden(
    'Institution administrators are created by the county office or by an officer of the department supervising the institution (its competent department)',
    'INSTITUTION_ADMIN_FORBIDDEN',
  );
export const bankNotFound = (code: string): NotFound => new NotFound(`Partner bank ${code}`, 'BANK_NOT_FOUND');
export const bankExists = (code: string): Conflict =>
  new Conflict('BANK_ALREADY_EXISTS', `A partner bank with code ${code} already exists`);
export const bankKeyNotFound = (keyId: string): NotFound => new NotFound(`API key ${keyId}`, 'BANK_KEY_NOT_FOUND');
export const bankKeyLimit = (code: string): Conflict =>
  new Conflict(
    'BANK_KEY_LIMIT',
    `Partner bank ${code} already has two active API keys; revoke one before issuing another`,
  );

/** setupFirstAdmin once a county administrator exists. */
export const setupAlreadyDone = (): Conflict =>
  new Conflict(
    'SETUP_ALREADY_DONE',
    'The first administrator has been set up already; ask a county administrator for an account',
  );

/** setupFirstAdmin with a code that is wrong, expired or from an earlier start. */
export const setupCodeInvalid = (): DomainError =>
  new DomainError(
    'SETUP_CODE_INVALID',
    'The setup code is not valid: use the one in the latest start-up log (it expires after 24 h)',
    400,
    [{ path: 'setupCode', message: 'is not valid' }],
  );

export const tooManySetupAttempts = (retryAfterSeconds: number): TooManyRequests =>
  new TooManyRequests(
    'TOO_MANY_SETUP_ATTEMPTS',
    `Too many wrong setup codes; try again in ${retryAfterSeconds} s`,
    retryAfterSeconds,
  );

export const platformNotFound = (code: string): NotFound =>
  new NotFound(`Partner platform ${code}`, 'PLATFORM_NOT_FOUND');
export const platformExists = (code: string): Conflict =>
  new Conflict('PLATFORM_ALREADY_EXISTS', `A partner platform with code ${code} already exists`);
export const platformKeyNotFound = (keyId: string): NotFound =>
  new NotFound(`Platform API key ${keyId}`, 'PLATFORM_KEY_NOT_FOUND');
export const platformKeyLimit = (code: string): Conflict =>
  new Conflict(
    'PLATFORM_KEY_LIMIT',
    `Partner platform ${code} already has two active API keys; revoke one before issuing another`,
  );
