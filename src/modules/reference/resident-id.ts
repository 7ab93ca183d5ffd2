/**
 * Chinese resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character
 * computed with ISO 7064 MOD 11-2 (weights 2^(17-i) mod 11, remainder → "10X98765432").
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** The check character of the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Normalises (trim, upper-case) and checks shape, birth date and check character; null when invalid. */
export function normaliseResidentId(value: string): string | null {
  const id = value.trim().toUpperCase();
  if (!SHAPE.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d)
    return null;
  return residentIdCheckCharacter(id.slice(0, 17)) === id[17] ? id : null;
}

/** Makes a valid ID number from 17 digits (tests and demo data). */
export function withResidentIdCheck(first17: string): string {
  return first17 + residentIdCheckCharacter(first17);
}
