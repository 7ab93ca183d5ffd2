import { Forbidden, NotFound, TooManyRequests } from '../../platform/errors/domain-error';
import { institutionNotFound, registryDashboardOutOfScope, tooManySearches } from './registry.errors';

/** The factories that replaced the registry's error classes keep their codes, statuses and messages. */
describe('registry errors', () => {
  it('INSTITUTION_NOT_FOUND names the reference it was given, or none', () => {
    const named = institutionNotFound('91110000MA0000000X');
    expect(named).toBeInstanceOf(NotFound);
    expect({ code: named.code, status: named.status, message: named.message }).toEqual({
      code: 'INSTITUTION_NOT_FOUND',
      status: 404,
      message: 'Institution 91110000MA0000000X not found',
    });
    expect(institutionNotFound().message).toBe('Institution not found');
  });

  it('a throttled public search is TOO_MANY_REQUESTS (429) and says when to retry', () => {
    const e = tooManySearches(17);
    expect(e).toBeInstanceOf(TooManyRequests);
    expect(e.retryAfterSeconds).toBe(17);
    expect({ code: e.code, status: e.status, message: e.message }).toEqual({
      code: 'TOO_MANY_REQUESTS',
      status: 429,
      message: 'Too many searches from this address; retry after 17 s',
    });
  });

  it("another township's registry dashboard is FORBIDDEN (403) and named", () => {
    const e = registryDashboardOutOfScope('520102');
    expect(e).toBeInstanceOf(Forbidden);
    expect({ code: e.code, status: e.status, message: e.message }).toEqual({
      code: 'FORBIDDEN',
      status: 403,
      message: "A township officer sees only their own township's registry dashboard, not 520102",
    });
  });
});
