import { Injectable } from '@nestjs/common';
import { WorkingDays } from './working-days';

/**
 * Prepaid contracts (预付费 一课一消) as other modules and the other sides (parent, platform) see them.
 * Starts small; the contract, lesson, confirmation, release and refund methods are added with their services.
 */
@Injectable()
export class PrepaidFacade {
  constructor(private readonly workingDays: WorkingDays) {}

  /** The n-th working day of the county calendar after a business date (YYYY-MM-DD). */
  addWorkingDays(fromBusinessDate: string, n: number): Promise<string> {
    return this.workingDays.addWorkingDays(fromBusinessDate, n);
  }

  /** Working days after `from`, up to and including `to`. */
  workingDaysBetween(from: string, to: string): Promise<number> {
    return this.workingDays.workingDaysBetween(from, to);
  }
}
