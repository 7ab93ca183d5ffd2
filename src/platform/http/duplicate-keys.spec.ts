import { findDuplicateKey } from './duplicate-keys';

describe('findDuplicateKey', () => {
  it('finds a key named twice in one object, at any depth, with its path', () => {
    expect(findDuplicateKey('{"a":1,"a":2}')).toBe('a');
    expect(findDuplicateKey('{"statements":[{"x":1},{"amount":"1.00","amount":"2.00"}]}')).toBe('statements.1.amount');
    expect(findDuplicateKey('{"a":{"b":1},"a":[]}')).toBe('a');
    expect(findDuplicateKey('{"\\u0061":1,"a":2}')).toBe('a'); // the same key, escaped
  });

  it('accepts the same key in different objects, keys inside string values, and malformed JSON (the parser reports that)', () => {
    expect(findDuplicateKey('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeNull();
    expect(findDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"a"}')).toBeNull();
    expect(findDuplicateKey('{"a":')).toBeNull();
    expect(findDuplicateKey('')).toBeNull();
  });
});
