/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet software reads Chinese names). Text that a
 * spreadsheet would run as a formula (= + - @ at the start) is prefixed with an apostrophe.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number): string => {
    if (typeof value === 'number') return String(value);
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return '\uFEFF' + [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
