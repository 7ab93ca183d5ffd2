import { Injectable } from '@nestjs/common';
import { ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { EscrowInstructionService } from './escrow-instruction.service';

/** Escalates instructions banks have not acknowledged within escrow.instruction_ack_hours. */
@Injectable()
@ScheduledTask('escrow.instruction-escalation')
export class InstructionEscalation implements ScheduledTaskHandler {
  constructor(private readonly instructions: EscrowInstructionService) {}

  schedule() {
    return { every: 5 * 60_000 };
  }

  run(now: Date): Promise<number> {
    return this.instructions.escalateOverdue(now);
  }
}
