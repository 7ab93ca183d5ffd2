import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { PenaltyLifecycleService } from './penalty-lifecycle.service';

/** Published penalty decisions past their publication period leave the public profile, every morning. */
@Injectable()
@ScheduledTask('enforcement.publication-expiry')
export class PublicationExpiryTask implements ScheduledTaskHandler {
  constructor(private readonly lifecycle: PenaltyLifecycleService) {}

  schedule() {
    return { pattern: '10 0 * * *' };
  }

  run(now: Date): Promise<number> {
    return this.lifecycle.endPublications(now);
  }
}
