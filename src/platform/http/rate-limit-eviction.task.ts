import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../events/decorators';
import { RateLimiter } from './rate-limiter';

/** Deletes rate-limit buckets that have refilled (so distinct client addresses do not pile up), every 10 minutes. */
@Injectable()
@ScheduledTask('platform.rate-limit-eviction')
export class RateLimitEvictionTask implements ScheduledTaskHandler {
  constructor(private readonly limiter: RateLimiter) {}

  schedule() {
    return { every: 600 * 1000 };
  }

  run(): Promise<number> {
    return this.limiter.evictFull();
  }
}
