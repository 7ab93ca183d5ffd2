import { signBankRequest } from './bank-signature';

// The test vectors published in bank-api.md: banks build against these, so they must match exactly.
describe('bank request signature', () => {
  const secret = 'c2VjcmV0LWZvci1leGFtcGxlLW9ubHktMzItYnl0ZXMh';

  it('matches the POST statements vector', () => {
    const body =
      '{"statements":[{"accountNo":"6222020200112233","statementDate":"2026-11-28","openingBalance":"1000.00","closingBalance":"1200.00","currency":"CNY","revision":0}]}';
    expect(signBankRequest(secret, '1764400000', 'POST', '/api/bank/v1/statements', body)).toBe(
      'v1=cc16bebb374dabd5eac848a730fb507719deb52b74aaa01d9c1b0928cc30f126',
    );
  });

  it('matches the GET accounts vector (empty body)', () => {
    expect(signBankRequest(secret, '1764400000', 'GET', '/api/bank/v1/accounts?status=ACTIVE&limit=100', '')).toBe(
      'v1=da8be1da2ddeca8272336f848a01851edcfd5fbdafe98ca9756792c195ffcab8',
    );
  });

  it('changes when any byte of the body changes', () => {
    const a = signBankRequest(secret, '1764400000', 'POST', '/p', '{"a":1}');
    const b = signBankRequest(secret, '1764400000', 'POST', '/p', '{"a":2}');
    expect(a).not.toBe(b);
  });
});
