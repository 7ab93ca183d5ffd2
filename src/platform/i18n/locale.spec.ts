import { negotiateLocale } from './locale';

describe('negotiateLocale (Accept-Language, RFC 9110 q-values)', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['fr', 'zh'],
    ['fr, de;q=0.5', 'zh'],
    ['fr, en;q=0.5', 'en'],
    ['zh;q=0.4, en;q=0.8', 'en'],
    ['en;q=0.4, zh-CN;q=0.8', 'zh'],
    ['en;q=0, *', 'zh'],
    ['zh;q=0, *;q=0.1', 'en'],
    ['*', 'zh'],
    ['en, zh', 'en'],
    ['zh, en', 'zh'],
    ['en;q=0.5, zh;q=0.5', 'en'],
    ['en;q=abc', 'zh'],
    ['en;q=1.5', 'zh'],
    ['en ; q=0.9 , zh ; q=0.8', 'en'],
    [',,;;==', 'zh'],
  ] as const)('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it('uses the fallback given when nothing supported is asked for', () => {
    expect(negotiateLocale('fr', 'en')).toBe('en');
    expect(negotiateLocale(undefined, 'en')).toBe('en');
  });

  it('reads a long header in bounded time and still finds an early match', () => {
    expect(negotiateLocale(`en;q=0.9,${'x-y;q=0.1,'.repeat(10_000)}`)).toBe('en');
  });
});
