import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { PolicyCache } from './policy-cache.service';
import { findPolicyRule } from './policy.catalogue';

const cap = findPolicyRule('escrow.prepaid_max_fen')!;
const at = new Date('2026-12-03T02:00:00Z');
const row = (value: number, effectiveOn = '2026-12-01') => ({
  key: cap.key,
  value: String(value),
  effective_on: effectiveOn,
  decided_at: new Date('2026-11-30T00:00:00Z'),
});

function setup() {
  let now = 1_000_000;
  jest.spyOn(Date, 'now').mockImplementation(() => now);
  const query = jest.fn();
  const dataSource = { manager: { query } } as unknown as DataSource;
  const config = { timeZone: 'Asia/Shanghai', policy: { refreshMs: 5000 } } as AppConfig;
  return { cache: new PolicyCache(dataSource, config), query, advance: (ms: number) => (now += ms) };
}

afterEach(() => jest.restoreAllMocks());

describe('PolicyCache', () => {
  it('reads from its copy within POLICY_REFRESH_MS and reloads once it is older, one query for concurrent readers', async () => {
    const { cache, query, advance } = setup();
    query.mockResolvedValueOnce([row(400_000)]).mockResolvedValueOnce([row(300_000)]);
    expect(await Promise.all([cache.valueAt(cap, at), cache.valueAt(cap, at)])).toEqual([400_000, 400_000]);
    expect(query).toHaveBeenCalledTimes(1);
    advance(4999);
    expect(await cache.valueAt(cap, at)).toBe(400_000);
    expect(query).toHaveBeenCalledTimes(1);
    advance(2);
    expect(await cache.valueAt(cap, at)).toBe(300_000);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('reloads at once on refresh()', async () => {
    const { cache, query } = setup();
    query.mockResolvedValueOnce([]).mockResolvedValueOnce([row(350_000)]);
    expect(await cache.valueAt(cap, at)).toBe(500_000);
    await cache.refresh();
    expect(await cache.valueAt(cap, at)).toBe(350_000);
  });

  it('keeps serving its last copy when a reload fails, and refuses when it never loaded', async () => {
    const { cache, query, advance } = setup();
    query.mockRejectedValueOnce(new Error('connection refused'));
    await expect(cache.valueAt(cap, at)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    query.mockResolvedValueOnce([row(400_000)]).mockRejectedValueOnce(new Error('connection refused'));
    expect(await cache.valueAt(cap, at)).toBe(400_000);
    advance(6000);
    expect(await cache.valueAt(cap, at)).toBe(400_000);
  });

  it('switches to a future-dated version on its business date without a reload', async () => {
    const { cache, query } = setup();
    query.mockResolvedValueOnce([row(400_000, '2026-12-10')]);
    expect(await cache.valueAt(cap, new Date('2026-12-09T15:59:59Z'))).toBe(500_000); // 23:59:59 on 9 Dec, Shanghai
    expect(await cache.valueAt(cap, new Date('2026-12-09T16:00:00Z'))).toBe(400_000); // 00:00 on 10 Dec
    expect(query).toHaveBeenCalledTimes(1);
  });
});
