import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { isCalendarDate } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { CalendarPeriod, CalendarPeriodKind } from './entities/calendar-period.entity';
import { ReferenceAccess } from './reference.access';
import { calendarPeriodNotFound, calendarPeriodOverlap } from './reference.errors';
import { ReferenceQueries } from './reference.queries';
import { CalendarPeriodInput } from './reference.types';
import { MUST_BE_DATE, MUST_NOT_BE_EMPTY, notBefore } from '../../platform/i18n/field-texts';
import { text } from '../../platform/i18n/text';

/** The longest calendar period accepted (a summer vacation is about two months). */
const MAX_PERIOD_DAYS = 62;

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The school calendar (holidays, vacations, adjusted workdays): read by any logged-in user, maintained by
 * editors (ReferenceAccess). Seeded periods the county changes or deletes stay the county's.
 */
@Injectable()
export class SchoolCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ReferenceQueries,
    private readonly access: ReferenceAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Periods touching a calendar year, by start date (deleted seeded periods excluded). */
  calendarPeriodsOfYear(year: number): Promise<CalendarPeriod[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new ValidationFailed([
        { path: 'year', message: text('must be a year between 2000 and 2100', '须为 2000 到 2100 之间的年份') },
      ]);
    return this.queries.calendarPeriodsBetween(`${year}-01-01`, `${year}-12-31`);
  }

  /**
   * Creates (no id) or changes a period. Dates are real YYYY-MM-DD days, start ≤ end, at most
   * MAX_PERIOD_DAYS days, an adjusted workday exactly one day; a period may not overlap another of the
   * same kind. A changed or new period is the county's (source COUNTY): the seeder leaves it alone.
   */
  async setCalendarPeriod(actor: Principal, input: CalendarPeriodInput): Promise<CalendarPeriod> {
    await this.access.assertEditor(actor);
    const problems = new Problems();
    problems.check(isCalendarDate(input.startDate), 'startDate', MUST_BE_DATE);
    problems.check(isCalendarDate(input.endDate), 'endDate', MUST_BE_DATE);
    if (!problems.any) {
      const days = daysBetween(input.startDate, input.endDate) + 1;
      if (days < 1) problems.add('endDate', notBefore('startDate'));
      else if (days > MAX_PERIOD_DAYS)
        problems.add(
          'endDate',
          text(
            `a period lasts at most ${MAX_PERIOD_DAYS} days; this one lasts ${days}`,
            `一个时段最长 ${MAX_PERIOD_DAYS} 天，此时段为 ${days} 天`,
          ),
        );
      else if (input.kind === CalendarPeriodKind.ADJUSTED_WORKDAY && days !== 1)
        problems.add(
          'endDate',
          text(
            'an adjusted workday is exactly one day (endDate = startDate)',
            '调休上班日只能是一天（endDate 须等于 startDate）',
          ),
        );
    }
    const name = input.name.trim();
    problems.check(name, 'name', MUST_NOT_BE_EMPTY);
    problems.throwIfAny();

    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(CalendarPeriod);
      // One writer at a time: the overlap check reads what the other writer would change.
      await em.query(`LOCK TABLE calendar_period IN SHARE ROW EXCLUSIVE MODE`);
      let before: Pick<CalendarPeriod, 'kind' | 'name' | 'startDate' | 'endDate' | 'source'> | null = null;
      let period: CalendarPeriod;
      if (input.id) {
        const found = await this.queries.calendarPeriod(em, input.id);
        if (!found || found.removedAt) throw calendarPeriodNotFound(input.id);
        before = {
          kind: found.kind,
          name: found.name,
          startDate: found.startDate,
          endDate: found.endDate,
          source: found.source,
        };
        period = found;
      } else {
        period = repo.create({});
      }
      const overlap = await this.queries.overlappingPeriod(em, input.kind, input.startDate, input.endDate, input.id);
      if (overlap) throw calendarPeriodOverlap(overlap.kind, overlap.name, overlap.startDate, overlap.endDate);
      // A deleted seeded period's marker with the same kind and start gives way to the county's period.
      await em.query(
        `DELETE FROM calendar_period WHERE kind = $1 AND start_date = $2 AND removed_at IS NOT NULL AND id IS DISTINCT FROM $3`,
        [input.kind, input.startDate, input.id ?? null],
      );
      Object.assign(period, {
        kind: input.kind,
        name,
        startDate: input.startDate,
        endDate: input.endDate,
        source: 'COUNTY',
        removedAt: null,
      });
      await repo.save(period);
      await this.audit.record(em, {
        actor,
        action: input.id ? 'reference.calendar_period.updated' : 'reference.calendar_period.created',
        entityType: 'calendar_period',
        entityId: period.id,
        summary: {
          before,
          after: { kind: period.kind, name: period.name, startDate: period.startDate, endDate: period.endDate },
        },
      });
      return period;
    });
  }

  /**
   * Deletes a period. It stays as a marker (removed_at), whatever its source: a seeded period, or one the
   * county changed from a seeded one, must not come back at the next seed (the seeder skips file periods
   * overlapping a county row, removed or not).
   */
  async deleteCalendarPeriod(actor: Principal, id: string): Promise<boolean> {
    await this.access.assertEditor(actor);
    return this.dataSource.transaction(async (em) => {
      const found = await this.queries.calendarPeriod(em, id, true);
      if (!found || found.removedAt) throw calendarPeriodNotFound(id);
      await em.getRepository(CalendarPeriod).update({ id }, { removedAt: this.clock.now() });
      await this.audit.record(em, {
        actor,
        action: 'reference.calendar_period.deleted',
        entityType: 'calendar_period',
        entityId: id,
        summary: {
          kind: found.kind,
          name: found.name,
          startDate: found.startDate,
          endDate: found.endDate,
          source: found.source,
        },
      });
      return true;
    });
  }
}
