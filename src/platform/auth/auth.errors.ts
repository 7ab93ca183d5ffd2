import { DomainError } from '../errors/domain-error';

/** 401: no usable credentials. One code per reason a client can act on. */
export class Unauthenticated extends DomainError {
  constructor(
    code: 'UNAUTHENTICATED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' = 'UNAUTHENTICATED',
    message = 'Log in to do this',
  ) {
    super(code, message, 401);
  }
}

export const tokenInvalid = (): Unauthenticated =>
  new Unauthenticated('TOKEN_INVALID', 'The access token is not valid; log in again');
export const tokenExpired = (): Unauthenticated =>
  new Unauthenticated('TOKEN_EXPIRED', 'The access token has expired; log in again');

/** The bank request authentication failures of bank-api.md (all 401). */
export type BankAuthCode = 'KEY_UNKNOWN' | 'KEY_REVOKED' | 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW';

const BANK_AUTH_MESSAGES: Record<BankAuthCode, string> = {
  KEY_UNKNOWN: 'The API key is unknown',
  KEY_REVOKED: 'The API key has been revoked',
  SIGNATURE_INVALID: 'The request signature does not match',
  TIMESTAMP_OUT_OF_WINDOW: 'X-Timestamp is missing or too far from the service clock',
};

export class BankAuthFailed extends DomainError {
  constructor(code: BankAuthCode) {
    super(code, BANK_AUTH_MESSAGES[code], 401);
  }
}
