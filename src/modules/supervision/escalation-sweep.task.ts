import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
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
export function createEscalationSweep(...deps: ConstructorParameters<typeof EscalationService>): EscalationSweepTask {
  return new EscalationSweepTask(new EscalationService(...deps), deps[deps.length - 1] as AppConfig);
}
