import { DomainError } from '../errors/domain-error';
import { Text, text } from '../i18n/text';

/** 401: no usable credentials. One code per reason a client can act on. */
export class Unauthenticated extends DomainError {
  constructor(
    code: 'UNAUTHENTICATED' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' = 'UNAUTHENTICATED',
    message: Text = text('Log in to do this', '请先登录'),
  ) {
    super(code, message, 401);
  }
}

export const tokenInvalid = (): Unauthenticated =>
  new Unauthenticated('TOKEN_INVALID', text('The access token is not valid; log in again', '访问令牌无效，请重新登录'));
export const tokenExpired = (): Unauthenticated =>
  new Unauthenticated(
    'TOKEN_EXPIRED',
    text('The access token has expired; log in again', '访问令牌已过期，请重新登录'),
  );

/** The bank request authentication failures of bank-api.md (all 401). */
export type BankAuthCode = 'KEY_UNKNOWN' | 'KEY_REVOKED' | 'SIGNATURE_INVALID' | 'TIMESTAMP_OUT_OF_WINDOW';

const BANK_AUTH_MESSAGES: Record<BankAuthCode, Text> = {
  KEY_UNKNOWN: text('The API key is unknown', '接口密钥不存在'),
  KEY_REVOKED: text('The API key has been revoked', '接口密钥已被吊销'),
  SIGNATURE_INVALID: text('The request signature does not match', '请求签名不匹配'),
  TIMESTAMP_OUT_OF_WINDOW: text(
    'X-Timestamp is missing or too far from the service clock',
    'X-Timestamp 缺失，或与服务器时间相差过大',
  ),
};

export class BankAuthFailed extends DomainError {
  constructor(code: BankAuthCode) {
    super(code, BANK_AUTH_MESSAGES[code], 401);
  }
}
