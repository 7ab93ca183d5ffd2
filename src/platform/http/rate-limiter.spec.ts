import { retryAfterSeconds } from './rate-limiter';

describe('retryAfterSeconds', () => {
  it('rounds the wait for one token up to whole seconds, at least one', () => {
    expect(retryAfterSeconds(0, 50)).toBe(1);
    expect(retryAfterSeconds(0, 1)).toBe(1);
    expect(retryAfterSeconds(0.5, 0.1)).toBe(5);
    expect(retryAfterSeconds(0, 0.25)).toBe(4);
    expect(retryAfterSeconds(0.999, 1)).toBe(1);
  });
});
