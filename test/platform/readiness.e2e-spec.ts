import { Spawned, startPrivateRedis } from '../support/processes';
import { TestApp, startTestApp } from '../support/test-app';
import { env, freePort, waitFor } from '../support/test-env';

// Needs Redis: a private redis-server that this test stops and starts. CI always sets REDIS_URL.
const describeWithRedis = env.redisUrl ? describe : describe.skip;
if (!env.redisUrl) console.warn('SKIPPED readiness.e2e-spec: REDIS_URL is unset, so the Redis outage test cannot run');

describeWithRedis('readiness follows Redis without a restart', () => {
  let redis: Spawned;
  let port: number;
  let t: TestApp;

  beforeAll(async () => {
    port = await freePort();
    redis = await startPrivateRedis(port);
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('is ready, becomes 503 while Redis is down, and ready again once it is back', async () => {
    await t.http().get('/health/ready').expect(200);
    await redis.stop('SIGKILL');
    const down = await waitFor(
      async () => {
        const res = await t.http().get('/health/ready');
        return res.status === 503 ? res : undefined;
      },
      { what: 'readiness to report Redis down' },
    );
    expect(down.body).toMatchObject({
      status: 'unavailable',
      checks: { database: { status: 'up' }, queue: { backend: 'redis', status: 'down' } },
    });
    redis = await startPrivateRedis(port);
    await waitFor(async () => (await t.http().get('/health/ready')).status === 200, {
      what: 'readiness to recover',
      timeoutMs: 20000,
    });
  });
});
