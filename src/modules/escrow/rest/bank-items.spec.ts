import { createHash } from 'node:crypto';
import { checkTransaction } from './bank-items';

describe('checkTransaction: free text a bank sends', () => {
  const now = new Date('2026-11-28T12:00:00+08:00');
  const deposit = (extra: Record<string, unknown>) => ({
    accountNo: '6222020200112233',
    txnId: 'B20261128000123',
    bookedAt: '2026-11-28T10:15:00+08:00',
    type: 'DEPOSIT',
    amount: '3000.00',
    currency: 'CNY',
    ...extra,
  });

  it('accepts ordinary text in memo and payerRef', () => {
    expect(checkTransaction(deposit({ memo: '春季班 spring term', payerRef: 'hash-01' }), now)).toMatchObject({
      ok: true,
    });
  });

  it('refuses text PostgreSQL cannot store (NUL, lone surrogates) and control characters, per item', () => {
    for (const [field, value] of [
      ['memo', 'spring\u0000term'],
      ['payerRef', 'ab\ud800'],
      ['memo', 'bell\u0007'],
    ] as const) {
      const checked = checkTransaction(deposit({ [field]: value }), now);
      expect(checked).toMatchObject({ ok: false, message: expect.stringContaining(field) });
    }
  });
});

describe('checkTransaction: contractRef (the prepaid contract code a DEPOSIT names)', () => {
  const now = new Date('2026-11-28T12:00:00+08:00');
  const item = (extra: Record<string, unknown>) => ({
    accountNo: '6222020200112233',
    txnId: 'B20261128000123',
    bookedAt: '2026-11-28T10:15:00+08:00',
    type: 'DEPOSIT',
    amount: '3000.00',
    currency: 'CNY',
    payerRef: 'hash-01',
    ...extra,
  });
  const hashOf = (raw: Record<string, unknown>): string => {
    const checked = checkTransaction(raw, now);
    if (!checked.ok) throw new Error(checked.message);
    return checked.value.contentHash;
  };

  it('takes a code of 8 to 32 characters A-Z, 0-9 or - on a DEPOSIT', () => {
    for (const code of ['K7M3QX9P', 'HT-2026-000123-K7M3QX9PW4', 'A'.repeat(32)])
      expect(checkTransaction(item({ contractRef: code }), now)).toMatchObject({
        ok: true,
        value: { contractRef: code },
      });
    expect(checkTransaction(item({}), now)).toMatchObject({ ok: true, value: { contractRef: null } });
    expect(checkTransaction(item({ contractRef: null }), now)).toMatchObject({
      ok: true,
      value: { contractRef: null },
    });
  });

  it('refuses another shape, text PostgreSQL cannot store and control characters, naming the field', () => {
    for (const value of [
      'K7M3QX9',
      'k7m3qx9p',
      'K7M3 QX9P',
      'A'.repeat(33),
      12345678,
      'K7M3\u0000QX9P',
      'K7M3QX9P\u0007',
    ])
      expect(checkTransaction(item({ contractRef: value }), now)).toMatchObject({
        ok: false,
        message: expect.stringContaining('contractRef'),
      });
  });

  it('refuses it on any type but DEPOSIT', () => {
    for (const type of ['RELEASE', 'REFUND', 'INTEREST', 'FEE'])
      expect(checkTransaction(item({ type, contractRef: 'K7M3QX9P' }), now)).toEqual({
        ok: false,
        message: 'contractRef is only allowed on a DEPOSIT',
      });
    expect(checkTransaction(item({ type: 'REVERSAL', reversalOf: 'B1', contractRef: 'K7M3QX9P' }), now)).toMatchObject({
      ok: false,
      message: 'contractRef is only allowed on a DEPOSIT',
    });
  });

  it('hashes it only when present: an item without it keeps the hash it had before the field existed', () => {
    // The canonical form and hash of checkTransaction before contractRef was added.
    const before = createHash('sha256')
      .update(
        JSON.stringify([
          '6222020200112233',
          'B20261128000123',
          '2026-11-28T02:15:00.000Z',
          'DEPOSIT',
          '300000',
          'CNY',
          'hash-01',
          null,
          null,
          null,
          null,
        ]),
      )
      .digest('hex');
    expect(hashOf(item({}))).toBe(before);
    expect(hashOf(item({ contractRef: null }))).toBe(before);
    expect(hashOf(item({ contractRef: 'K7M3QX9P' }))).not.toBe(before);
    expect(hashOf(item({ contractRef: 'K7M3QX9P' }))).not.toBe(hashOf(item({ contractRef: 'K7M3QX9Q' })));
  });
});
