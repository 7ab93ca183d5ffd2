import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { ReleaseService } from './release.service';

/** Daily (一课一消): one RELEASE instruction per account with money earned by confirmed lessons. */
@Injectable()
@ScheduledTask('prepaid.release')
export class ReleaseTask implements ScheduledTaskHandler {
  constructor(private readonly releases: ReleaseService) {}

  schedule() {
    return { pattern: '30 2 * * *' }; // after the night's auto-confirmation
  }

  run(now: Date): Promise<{ instructed: number; skipped: number }> {
    return this.releases.releaseDue(now);
  }
}
