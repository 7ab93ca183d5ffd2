import type { Request } from 'express';
import { loadConfig } from '../../config/app-config';
import { FixedClock } from '../clock/clock';
import { DomainError } from '../errors/domain-error';
import { BankRequestVerifier } from './bank-request-verifier';
import { BankKeyRecord } from './credential-stores';

// The published vectors of bank-api.md, verified as the guard does, with plain mocks.
const SECRET = 'c2VjcmV0LWZvci1leGFtcGxlLW9ubHktMzItYnl0ZXMh';
const BODY =
  '{"statements":[{"accountNo":"6222020200112233","statementDate":"2026-11-28","openingBalance":"1000.00","closingBalance":"1200.00","currency":"CNY","revision":0}]}';
const SIGNATURE = 'v1=cc16bebb374dabd5eac848a730fb507719deb52b74aaa01d9c1b0928cc30f126';

function request(
  overrides: { headers?: Record<string, string>; body?: string; url?: string; method?: string } = {},
): Request {
  const headers: Record<string, string> = {
    'x-bank-key-id': 'bk_test',
    'x-timestamp': '1764400000',
    'x-signature': SIGNATURE,
    ...overrides.headers,
  };
  return {
    method: overrides.method ?? 'POST',
    originalUrl: overrides.url ?? '/api/bank/v1/statements',
    rawBody: Buffer.from(overrides.body ?? BODY),
    header: (name: string) => headers[name.toLowerCase()],
  } as unknown as Request;
}

describe('BankRequestVerifier', () => {
  const keys: Record<string, BankKeyRecord> = {
    bk_test: { keyId: 'bk_test', bankCode: 'ICBC_XIFENG', revoked: false, secret: SECRET },
    bk_old: { keyId: 'bk_old', bankCode: 'ICBC_XIFENG', revoked: true, secret: SECRET },
  };
  const clock = new FixedClock(new Date(1764400000 * 1000 + 120_000));
  const verifier = new BankRequestVerifier({ findKey: async (id) => keys[id] ?? null }, loadConfig({}), clock);
  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => 'ACCEPTED',
      (error: DomainError) => `${error.status} ${error.code}`,
    );

  it('accepts the published POST vector and names the bank', async () => {
    await expect(verifier.verify(request())).resolves.toEqual({
      kind: 'bank',
      bankCode: 'ICBC_XIFENG',
      keyId: 'bk_test',
    });
  });

  it('accepts the published GET vector (empty body)', async () => {
    const get = request({
      method: 'GET',
      url: '/api/bank/v1/accounts?status=ACTIVE&limit=100',
      body: '',
      headers: { 'x-signature': 'v1=da8be1da2ddeca8272336f848a01851edcfd5fbdafe98ca9756792c195ffcab8' },
    });
    expect(await codeOf(verifier.verify(get))).toBe('ACCEPTED');
  });

  it('refuses with the codes of bank-api.md', async () => {
    expect(await codeOf(verifier.verify(request({ headers: { 'x-bank-key-id': 'bk_nobody' } })))).toBe(
      '401 KEY_UNKNOWN',
    );
    expect(await codeOf(verifier.verify(request({ headers: { 'x-bank-key-id': '' } })))).toBe('401 KEY_UNKNOWN');
    expect(await codeOf(verifier.verify(request({ headers: { 'x-bank-key-id': 'bk_old' } })))).toBe('401 KEY_REVOKED');
    expect(await codeOf(verifier.verify(request({ body: BODY.replace('1200.00', '1300.00') })))).toBe(
      '401 SIGNATURE_INVALID',
    );
    expect(await codeOf(verifier.verify(request({ headers: { 'x-signature': SIGNATURE.toUpperCase() } })))).toBe(
      '401 SIGNATURE_INVALID',
    );
    expect(await codeOf(verifier.verify(request({ headers: { 'x-timestamp': 'soon' } })))).toBe(
      '401 TIMESTAMP_OUT_OF_WINDOW',
    );
  });

  it('allows 300 s of clock difference either way, not more', async () => {
    clock.set(new Date((1764400000 + 300) * 1000));
    expect(await codeOf(verifier.verify(request()))).toBe('ACCEPTED');
    clock.set(new Date((1764400000 - 300) * 1000));
    expect(await codeOf(verifier.verify(request()))).toBe('ACCEPTED');
    clock.set(new Date((1764400000 + 301) * 1000));
    expect(await codeOf(verifier.verify(request()))).toBe('401 TIMESTAMP_OUT_OF_WINDOW');
  });
});
