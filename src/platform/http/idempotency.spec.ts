import { DomainError } from '../errors/domain-error';
import { idempotencyKeyOf, requestHash } from './idempotency';

describe('idempotencyKeyOf', () => {
  it('accepts 1–128 characters [A-Za-z0-9_-]', () => {
    expect(idempotencyKeyOf('stmt-2026-11-28_001')).toBe('stmt-2026-11-28_001');
    expect(idempotencyKeyOf('x'.repeat(128))).toHaveLength(128);
  });

  it('refuses a missing, empty, too long or unsafe key with VALIDATION_FAILED', () => {
    for (const bad of [undefined, '', 'x'.repeat(129), 'has space', 'semi;colon', 'ключ']) {
      try {
        idempotencyKeyOf(bad);
        throw new Error(`accepted ${String(bad)}`);
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('VALIDATION_FAILED');
        expect((error as DomainError).errors?.[0]?.path).toBe('Idempotency-Key');
      }
    }
  });
});

describe('requestHash', () => {
  it('changes with the method, the path or a single byte of the body', () => {
    const base = requestHash('POST', '/api/bank/v1/statements', '{"a":1}');
    expect(requestHash('post', '/api/bank/v1/statements', Buffer.from('{"a":1}'))).toBe(base);
    expect(requestHash('POST', '/api/bank/v1/transactions', '{"a":1}')).not.toBe(base);
    expect(requestHash('POST', '/api/bank/v1/statements', '{"a":2}')).not.toBe(base);
    expect(requestHash('PUT', '/api/bank/v1/statements', '{"a":1}')).not.toBe(base);
  });
});
