import { UUID } from './uuid';

describe('UUID', () => {
  it('accepts a UUID in either case', () => {
    expect(UUID.test('0b5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a69')).toBe(true);
    expect(UUID.test('0B5C9F62-3A4E-4C1F-9A53-1F2D3C4B5A69')).toBe(true);
  });

  it('refuses anything else, so a lookup by a malformed id never reaches the database', () => {
    for (const bad of [
      '',
      '42',
      '0b5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a6',
      '0b5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a69x',
      'zb5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a69',
      "0b5c9f62-3a4e-4c1f-9a53-1f2d3c4b5a69' OR 1=1",
    ]) {
      expect(UUID.test(bad)).toBe(false);
    }
  });
});
