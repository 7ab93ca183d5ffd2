import { normaliseResidentId, residentIdCheckCharacter, withResidentIdCheck } from './resident-id';

describe('resident ID number (ISO 7064 MOD 11-2)', () => {
  it('computes the check character', () => {
    // The worked example of GB 11643-1999.
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(normaliseResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(withResidentIdCheck('52012219900101123')).toHaveLength(18);
  });

  it('refuses a wrong check character, shape or birth date', () => {
    expect(normaliseResidentId('110105194912310021')).toBeNull();
    expect(normaliseResidentId('12345')).toBeNull();
    expect(normaliseResidentId(withResidentIdCheck('52012219900230123'))).toBeNull();
    expect(normaliseResidentId(withResidentIdCheck('52012219900228123'))).not.toBeNull();
  });
});
