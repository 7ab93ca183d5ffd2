import { Injectable } from '@nestjs/common';
import { addDays } from '../../platform/clock/business-time';
import { ReferenceFacade } from '../reference';
import { schoolDaysBetween } from './after-school.rules';

/** How far back the previous school day is looked for (a summer vacation is about two months). */
const LOOK_BACK_DAYS = 120;

/** School days from the county's calendar in reference (holidays, vacations, adjusted workdays). */
@Injectable()
export class SchoolCalendar {
  constructor(private readonly reference: ReferenceFacade) {}

  async schoolDays(from: string, to: string): Promise<string[]> {
    return schoolDaysBetween(from, to, await this.reference.calendarPeriodsBetween(from, to));
  }

  async isSchoolDay(date: string): Promise<boolean> {
    return (await this.schoolDays(date, date)).length === 1;
  }

  /** The last school day strictly before a date, or null when none within the look-back window. */
  async previousSchoolDay(date: string): Promise<string | null> {
    const days = await this.schoolDays(addDays(date, -LOOK_BACK_DAYS), addDays(date, -1));
    return days.at(-1) ?? null;
  }
}
