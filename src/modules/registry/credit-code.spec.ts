import { checkCreditCode, creditCodeCheckCharacter } from './credit-code';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['91110000600037341L', '91110108551385082Q', '9144030071526726XG'])('accepts the real code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ valid: true, code });
  });

  it('normalises case and spaces', () => {
    expect(checkCreditCode(' 91110000600037341l ')).toEqual({ valid: true, code: '91110000600037341L' });
  });

  it('names a wrong check character and the expected one', () => {
    expect(checkCreditCode('91110000600037341M')).toEqual({
      valid: false,
      message: expect.objectContaining({ en: "Check character 'M' at position 18 is wrong: positions 1–17 give 'L'" }),
    });
  });

  it('names a character outside the alphabet and its position', () => {
    const result = checkCreditCode('9111000060003734IL');
    expect(result).toEqual({
      valid: false,
      message: expect.objectContaining({ en: expect.stringContaining("Character 'I' at position 17") }),
    });
  });

  it('refuses a wrong length', () => {
    expect(checkCreditCode('9111000060003734')).toEqual({
      valid: false,
      message: expect.objectContaining({ en: expect.stringContaining('has 16') }),
    });
  });

  it('accepts letters in positions 1–8 (some validators wrongly demand digits)', () => {
    const first17 = 'Y1520122MA6DKXQ0A'.slice(0, 17);
    const code = first17 + creditCodeCheckCharacter(first17);
    expect(checkCreditCode(code).valid).toBe(true);
  });

  it('computes the check character 0 when the sum is a multiple of 31', () => {
    // weights × values summing to 0 mod 31: all zeros
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });
});
