import { Text, text } from '../../platform/i18n/text';
/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from 0-9 and
 * A-H, J-N, P-R, T-U, W-Y (no I, O, S, V, Z); position 18 is a check character over positions 1–17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { valid: true; code: string } | { valid: false; message: Text };

/** The check character for the first 17 characters (which must already be from the alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i] as string) * (WEIGHTS[i] as number);
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check] as string;
}

/**
 * Validates a code (trimmed, upper-cased) and says what is wrong: the length, the first character not
 * allowed and its position, or the wrong check character and the one expected.
 */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18)
    return {
      valid: false,
      message: text(
        `A unified social credit code has 18 characters; this one has ${code.length}`,
        `统一社会信用代码为 18 位，此代码为 ${code.length} 位`,
      ),
    };
  for (let i = 0; i < 18; i++) {
    const c = code[i] as string;
    if (!ALPHABET.includes(c)) {
      return {
        valid: false,
        message: text(
          `Character '${c}' at position ${i + 1} is not allowed in a unified social credit code (allowed: 0-9, A-H, J-N, P-R, T-U, W-Y)`,
          `第 ${i + 1} 位的字符“${c}”不能用于统一社会信用代码（允许：0-9、A-H、J-N、P-R、T-U、W-Y）`,
        ),
      };
    }
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    return {
      valid: false,
      message: text(
        `Check character '${code[17]}' at position 18 is wrong: positions 1–17 give '${expected}'`,
        `第 18 位校验码“${code[17]}”有误：按前 17 位计算应为“${expected}”`,
      ),
    };
  }
  return { valid: true, code };
}
