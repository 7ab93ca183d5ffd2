import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';

/** Forgets login failures whose window and lock have both passed, hourly. */
@Injectable()
@ScheduledTask('identity.login-throttle-cleanup')
export class LoginThrottleCleanupTask implements ScheduledTaskHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  schedule() {
    return { every: 3600 * 1000 };
  }

  async run(now: Date): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM login_throttle
       WHERE last_failure_at < $1::timestamptz - make_interval(secs => $2) AND (locked_until IS NULL OR locked_until < $1)`,
      [now, this.config.auth.loginFailureWindowSeconds],
    )) as [unknown, number];
    return count;
  }
}
