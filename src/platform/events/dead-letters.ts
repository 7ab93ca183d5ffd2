import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { NotFound } from '../errors/domain-error';
import { QueueFactory } from '../queue/queue-factory';
import { DomainEvent } from './catalogue';
import { withTimeout } from './outbox-relay';
import { SubscriberRegistry } from './subscriber-registry';
import { text } from '../i18n/text';

export interface FailedEventView {
  id: string;
  queue: string;
  subscriber: string;
  eventId: string;
  eventName: string;
  payload: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: Date | null;
}

/**
 * The dead letter: jobs that used up their attempts stay in BullMQ's failed set. This lists them across
 * the event queues and puts one back to run again.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly queues: QueueFactory,
    private readonly registry: SubscriberRegistry,
  ) {}

  async list(limit = 50): Promise<FailedEventView[]> {
    const all: FailedEventView[] = [];
    for (const queue of this.registry.queues()) {
      const jobs = (await withTimeout(
        this.queues.queue<DomainEvent>(queue).getFailed(0, limit - 1),
        5000,
        'reading failed jobs',
      )) as Job<DomainEvent>[];
      for (const job of jobs) if (job) all.push(view(queue, job));
    }
    return all.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0)).slice(0, limit);
  }

  /** Retries a failed delivery by its id (`<queue>/<jobId>`); returns what was retried. */
  async retry(id: string): Promise<FailedEventView> {
    const slash = id.indexOf('/');
    const queue = id.slice(0, slash);
    const jobId = id.slice(slash + 1);
    if (slash < 0 || !this.registry.queues().includes(queue))
      throw new NotFound(text(`Failed event ${id}`, `投递失败的事件 ${id}`), 'FAILED_EVENT_NOT_FOUND');
    const job = (await this.queues.queue<DomainEvent>(queue).getJob(jobId)) as Job<DomainEvent> | undefined;
    if (!job || !(await job.isFailed()))
      throw new NotFound(text(`Failed event ${id}`, `投递失败的事件 ${id}`), 'FAILED_EVENT_NOT_FOUND');
    const before = view(queue, job);
    await job.retry('failed');
    return before;
  }
}

function view(queue: string, job: Job<DomainEvent>): FailedEventView {
  return {
    id: `${queue}/${job.id}`,
    queue,
    subscriber: job.name,
    eventId: job.data.eventId,
    eventName: job.data.name,
    payload: job.data.payload,
    failedReason: job.failedReason,
    attemptsMade: job.attemptsMade,
    failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}
