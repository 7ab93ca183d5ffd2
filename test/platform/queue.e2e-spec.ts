import { Job } from 'bullmq';
import { QueueFactory } from '../../src/platform/queue/queue-factory';
import { createTestDatabase, dropDatabase, env, uniqueName, waitFor } from '../support/test-env';
import { deleteQueueKeys } from '../support/test-app';

// The queue factory hides the backend: the same calls run on Redis (REDIS_URL set) or on BullMQ's
// PostgreSQL backend (unset). CI runs this file both ways.
describe(`queues on the ${env.redisUrl ? 'Redis' : 'PostgreSQL'} backend`, () => {
  let factory: QueueFactory;
  let db: { name: string; url: string };
  const prefix = uniqueName('sjq');

  beforeAll(async () => {
    db = await createTestDatabase();
    factory = new QueueFactory({ redisUrl: env.redisUrl, databaseUrl: db.url, prefix });
    await factory.migrate();
  });
  afterAll(async () => {
    await factory?.close();
    await dropDatabase(db.name);
    await deleteQueueKeys(prefix);
  });

  it('runs the configured backend and delivers jobs to a worker once per job id', async () => {
    expect(factory.backend).toBe(env.redisUrl ? 'redis' : 'postgres');
    const seen: string[] = [];
    factory.worker<{ n: number }>('probe', async (job: Job<{ n: number }>) => {
      seen.push(`${job.id}:${job.data.n}`);
    });
    const queue = factory.queue<{ n: number }>('probe');
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'probe', data: { n }, opts: { jobId: `job-${n}` } })));
    await queue.add('probe', { n: 1 }, { jobId: 'job-1' }); // same id: BullMQ keeps the first
    await waitFor(async () => seen.length >= 3, { what: 'three jobs processed' });
    await waitFor(async () => (await queue.getJobCounts('completed')).completed === 3, { what: 'jobs completed' });
    expect(seen.sort()).toEqual(['job-1:1', 'job-2:2', 'job-3:3']);
  });

  it('answers its health ping', async () => {
    await expect(factory.ping()).resolves.toBeUndefined();
  });
});
