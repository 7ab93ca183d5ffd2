import { AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

const withCache = (cacheMs: number) => new MetricsService({ metrics: { cacheMs } } as AppConfig);

describe('MetricsService', () => {
  afterEach(() => jest.useRealTimers());

  it('reads a cached value once per interval, once for concurrent scrapes, and again after it', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    let reads = 0;
    const read = withCache(5000).cached(async () => ++reads, -1);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    jest.advanceTimersByTime(4999);
    expect(await read()).toBe(1);
    jest.advanceTimersByTime(1);
    expect(await read()).toBe(2);
    expect(reads).toBe(2);
  });

  it('answers the fallback when a reading fails, and reads again after the interval', async () => {
    let fail = true;
    const read = withCache(0).cached(async () => {
      if (fail) throw new Error('database down');
      return 7;
    }, -1);
    expect(await read()).toBe(-1);
    fail = false;
    expect(await read()).toBe(7);
  });

  it('shows exactly the samples of the last reading in a cached gauge', async () => {
    const metrics = withCache(0);
    let samples = [
      { labels: { type: 'A' }, value: 2 },
      { labels: { type: 'B' }, value: 1 },
    ];
    metrics.cachedGauge('sj_test_open', 'test gauge', ['type'], async () => samples);
    expect(await metrics.registry.getSingleMetricAsString('sj_test_open')).toMatch(
      /sj_test_open\{type="A"\} 2\nsj_test_open\{type="B"\} 1/,
    );
    samples = [{ labels: { type: 'B' }, value: 3 }];
    const text = await metrics.registry.getSingleMetricAsString('sj_test_open');
    expect(text).toContain('sj_test_open{type="B"} 3');
    expect(text).not.toContain('type="A"');
  });

  it('returns the existing metric when one is registered twice', () => {
    const metrics = withCache(0);
    expect(metrics.counter('sj_twice_total', 'x', ['a'])).toBe(metrics.counter('sj_twice_total', 'x', ['a']));
  });
});
