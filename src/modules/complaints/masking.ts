/** Masks a phone number as 138****1234 (first 3 and last 4 kept; short numbers fully masked but the last 2). */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length >= 8) return `${p.slice(0, 3)}****${p.slice(-4)}`;
  if (p.length > 2) return '*'.repeat(p.length - 2) + p.slice(-2);
  return '*'.repeat(p.length);
}

/** Masks a name as 张* / 欧阳** (first character kept). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
