import { createHash } from 'node:crypto';
import { text } from '../../../platform/i18n/text';
import { rejected, summarise } from '../ingest/ingest-results';
import { checkStatement, checkTransaction } from './bank-items';

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
      expect(checked).toMatchObject({
        ok: false,
        message: { en: expect.stringContaining(field), zh: expect.stringContaining(field) },
      });
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
    if (!checked.ok) throw new Error(checked.message.en);
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
        message: { en: expect.stringContaining('contractRef'), zh: expect.stringContaining('contractRef') },
      });
  });

  it('refuses it on any type but DEPOSIT', () => {
    for (const type of ['RELEASE', 'REFUND', 'INTEREST', 'FEE'])
      expect(checkTransaction(item({ type, contractRef: 'K7M3QX9P' }), now)).toEqual({
        ok: false,
        message: { en: 'contractRef is only allowed on a DEPOSIT', zh: 'contractRef 仅可用于 DEPOSIT（存入）' },
      });
    expect(checkTransaction(item({ type: 'REVERSAL', reversalOf: 'B1', contractRef: 'K7M3QX9P' }), now)).toMatchObject({
      ok: false,
      message: { en: 'contractRef is only allowed on a DEPOSIT' },
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

describe('item messages in both languages (ADR 0021)', () => {
  const CJK = /[\u4e00-\u9fff]/;
  const now = new Date('2026-11-28T12:00:00+08:00');
  const txn = (extra: Record<string, unknown>) => ({
    accountNo: '6222020200112233',
    txnId: 'B20261128000123',
    bookedAt: '2026-11-28T10:15:00+08:00',
    type: 'DEPOSIT',
    amount: '3000.00',
    currency: 'CNY',
    ...extra,
  });
  const statement = (extra: Record<string, unknown>) => ({
    accountNo: '6222020200112233',
    statementDate: '2026-11-27',
    openingBalance: '0.00',
    closingBalance: '10.00',
    currency: 'CNY',
    revision: 0,
    ...extra,
  });
  const refusals = [
    checkTransaction('x', now),
    checkTransaction(txn({ accountNo: '' }), now),
    checkTransaction(txn({ txnId: 'a b' }), now),
    checkTransaction(txn({ bookedAt: '2026-11-28' }), now),
    checkTransaction(txn({ bookedAt: '2026-11-29T10:00:00+08:00' }), now),
    checkTransaction(txn({ type: 'GIFT' }), now),
    checkTransaction(txn({ amount: '12.5' }), now),
    checkTransaction(txn({ amount: '99999999999999.00' }), now),
    checkTransaction(txn({ currency: 'USD' }), now),
    checkTransaction(txn({ memo: 'x'.repeat(501) }), now),
    checkTransaction(txn({ lessonHours: -1 }), now),
    checkTransaction(txn({ coverageMonths: 1.5 }), now),
    checkTransaction(txn({ contractRef: 'short' }), now),
    checkTransaction(txn({ type: 'REVERSAL' }), now),
    checkTransaction(txn({ type: 'REVERSAL', reversalOf: 'B20261128000123' }), now),
    checkTransaction(txn({ reversalOf: 'B1' }), now),
    checkStatement('x', '2026-11-28'),
    checkStatement(statement({ accountNo: 'ä' }), '2026-11-28'),
    checkStatement(statement({ statementDate: '27.11.2026' }), '2026-11-28'),
    checkStatement(statement({ statementDate: '2026-11-29' }), '2026-11-28'),
    checkStatement(statement({ openingBalance: 1 }), '2026-11-28'),
    checkStatement(statement({ closingBalance: '99999999999999999.00' }), '2026-11-28'),
    checkStatement(statement({ currency: 'USD' }), '2026-11-28'),
    checkStatement(statement({ revision: -1 }), '2026-11-28'),
  ];

  it('every refusal of the item checks is written in English and Chinese', () => {
    for (const [i, c] of refusals.entries()) {
      if (c.ok) throw new Error(`refusal ${i} was accepted`);
      expect({
        i,
        en: c.message.en.length > 0,
        zh: CJK.test(c.message.zh),
        differs: c.message.en !== c.message.zh,
      }).toEqual({ i, en: true, zh: true, differs: true });
    }
  });

  it('names the field in both languages and keeps the English as it was', () => {
    expect(checkTransaction(txn({ amount: '12.5' }), now)).toEqual({
      ok: false,
      message: {
        en: 'amount must be a decimal string with exactly two decimals, e.g. "1234.50"',
        zh: '金额（amount）须为恰好两位小数的字符串，例如 "1234.50"',
      },
    });
    expect(checkStatement(statement({ accountNo: 'ä' }), '2026-11-28')).toEqual({
      ok: false,
      message: {
        en: 'accountNo must be 1–34 characters 0-9, A-Z, a-z or -',
        zh: 'accountNo 须为 1–34 位数字、字母或 -',
      },
    });
  });
});

describe('summarise: the batch answer in the request language', () => {
  const results = [
    { index: 0, status: 'ACCEPTED' as const },
    rejected(1, 'CONFLICT', text('A conflict', '冲突')),
    { index: 2, status: 'DUPLICATE' as const },
  ];

  it('writes each refused item message as a string in the language asked for, the rest as it was', () => {
    expect(summarise(results, 'zh')).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: 1,
      results: [
        { index: 0, status: 'ACCEPTED' },
        { index: 1, status: 'REJECTED', code: 'CONFLICT', message: '冲突' },
        { index: 2, status: 'DUPLICATE' },
      ],
    });
    expect(summarise(results, 'en').results[1]).toEqual({
      index: 1,
      status: 'REJECTED',
      code: 'CONFLICT',
      message: 'A conflict',
    });
  });

  it('outside a request (no Accept-Language read) in Chinese, the default', () => {
    expect(summarise(results).results[1]!.message).toBe('冲突');
  });
});
