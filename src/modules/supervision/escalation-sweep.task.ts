import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DataSource } from 'typeorm';
import { AuditLogEntry } from '../../platform/audit/audit-log.entity';
import { AuditService } from '../../platform/audit/audit.service';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher, ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { AccountabilityService } from './accountability/accountability.service';
import { EscalationService, SweepResult } from './escalation.service';

/** Runs the ladder every SUPERVISION_SWEEP_MINUTES on the worker. */
@Injectable()
@ScheduledTask('supervision.escalation-sweep')
export class EscalationSweepTask implements ScheduledTaskHandler {
  constructor(
    private readonly escalation: EscalationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  schedule() {
    return { every: this.config.supervision.sweepMinutes * 60_000 };
  }

  run(now: Date): Promise<SweepResult> {
    return this.escalation.sweep(now);
  }
}

/** The sweep built outside the Nest container (benchmarks, operators' tools), from EscalationService's dependencies. */
export function createEscalationSweep(
  dataSource: DataSource,
  events: EventPublisher,
  notifications: NotificationsFacade,
  clock: Clock,
  policy: PolicyFacade,
  config: AppConfig,
): EscalationSweepTask {
  const audit = new AuditService(clock, dataSource.getRepository(AuditLogEntry));
  const accountability = new AccountabilityService(dataSource, audit, events, notifications, policy, clock);
  return new EscalationSweepTask(
    new EscalationService(dataSource, events, notifications, clock, policy, config, accountability),
    config,
  );
}
