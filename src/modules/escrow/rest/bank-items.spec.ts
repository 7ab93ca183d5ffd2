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
