import { createHmac } from 'node:crypto';

/**
 * The bank request signature of bank-api.md: `v1=` + hex HMAC-SHA256(secret, signing string), where the
 * signing string is `${timestamp}\n${METHOD}\n${path with query}\n${raw body}`.
 */
export function signingString(timestamp: string, method: string, pathWithQuery: string, body: Buffer | string): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n`, 'utf8'),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  ]);
}

export function signBankRequest(
  secret: string,
  timestamp: string,
  method: string,
  pathWithQuery: string,
  body: Buffer | string,
): string {
  return `v1=${createHmac('sha256', secret)
    .update(signingString(timestamp, method, pathWithQuery, body))
    .digest('hex')}`;
}
