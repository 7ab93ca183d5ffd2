import { checkContractItem, checkLessonConfirmationItem, checkLessonRecordItem } from './platform-items';

describe('platform item checks: messages in both languages (ADR 0021)', () => {
  const CJK = /[\u4e00-\u9fff]/;
  const record = (extra: Record<string, unknown>) => ({
    externalId: 'L-1',
    contractExternalId: 'C-1',
    taughtOn: '2026-11-27',
    lessons: 1,
    ...extra,
  });

  it('accepts a well-formed item', () => {
    expect(checkLessonRecordItem(record({}))).toMatchObject({ ok: true });
  });

  it('names the field in both languages, the English as before', () => {
    expect(checkLessonRecordItem(record({ lessons: 0 }))).toEqual({
      ok: false,
      message: { en: 'lessons must be an integer from 1 to 100', zh: 'lessons 须为 1 到 100 之间的整数' },
    });
    expect(checkLessonRecordItem(record({ contractExternalId: undefined }))).toEqual({
      ok: false,
      message: { en: 'contractExternalId is required', zh: 'contractExternalId 必须填写' },
    });
    expect(checkLessonConfirmationItem({ externalId: 'X', lessonExternalId: 'Y', extra: 1 })).toEqual({
      ok: false,
      message: { en: 'extra is not a field of a lesson confirmation', zh: 'extra 不是课消确认的字段' },
    });
  });

  it('writes every kind of refusal in English and Chinese', () => {
    const refusals = [
      checkContractItem('x'),
      checkContractItem({ externalId: 'a b' }),
      checkLessonRecordItem(record({ taughtOn: '' })),
      checkLessonRecordItem(record({ taughtOn: '2026\u000011' })),
      checkLessonRecordItem(record({ lessons: 1.5 })),
      checkLessonRecordItem(record({ bogus: true })),
      checkLessonConfirmationItem({ externalId: 'X' }),
    ];
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
});
