import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, maskIdentifier, piiHash, safeEqual } from './crypto';

describe('crypto helpers', () => {
  const key = randomBytes(32);

  it('round-trips encrypted text and refuses tampered or foreign ciphertext', () => {
    const sealed = encrypt(key, '520102199001011234');
    expect(sealed).not.toContain('520102');
    expect(decrypt(key, sealed)).toBe('520102199001011234');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decrypt(key, parts.join('.'))).toThrow();
    expect(() => decrypt(randomBytes(32), sealed)).toThrow();
  });

  it('hashes identifiers after normalising them', () => {
    expect(piiHash('k', ' 52010219900101123x ')).toBe(piiHash('k', '52010219900101123X'));
    expect(piiHash('k', 'a')).not.toBe(piiHash('other', 'a'));
  });

  it('masks identifiers the way the API shows them', () => {
    expect(maskIdentifier('52010219900101123X')).toBe('5201**********123X');
    expect(maskIdentifier('123')).toBe('***');
  });

  it('compares in constant time', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});
