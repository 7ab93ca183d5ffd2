import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { EventPublisher, ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { NotificationService } from '../notifications';
import { ReferenceService } from '../reference';
import { SchoolCalendar } from './school-calendar';

/**
 * Each morning, flags the schools that published no homework for the previous school day (from the
 * county calendar: holidays and vacations are skipped): an
 * `after_school.homework.publication_missing` event and a notification to the school. A school and day
 * is flagged once (homework_missing_flag), however often or on however many workers the task runs.
 */
@Injectable()
@ScheduledTask('after_school.publication-missing-sweep')
export class PublicationMissingTask implements ScheduledTaskHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceService,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationService,
    private readonly calendar: SchoolCalendar,
  ) {}

  schedule() {
    return { pattern: '0 7 * * *' };
  }

  /** Returns the schools flagged by this run. */
  async run(now: Date): Promise<string[]> {
    const date = await this.calendar.previousSchoolDay(businessDate(now, this.config.timeZone));
    const schools = await this.reference.allSchools();
    if (!date || schools.length === 0) return [];
    return this.dataSource.transaction(async (em) => {
      const flagged: { school_id: string }[] = await em.query(
        `INSERT INTO homework_missing_flag (school_id, homework_date, flagged_at)
         SELECT s.id, $2::date, $3 FROM unnest($1::uuid[]) AS s(id)
         WHERE NOT EXISTS (SELECT 1 FROM homework_record h WHERE h.school_id = s.id AND h.homework_date = $2::date)
         ON CONFLICT DO NOTHING RETURNING school_id`,
        [schools.map((s) => s.id), date, now],
      );
      const township = new Map(schools.map((s) => [s.id, s.townshipCode]));
      for (const { school_id: schoolId } of flagged) {
        await this.events.publish(em, 'after_school.homework.publication_missing', { schoolId, townshipCode: township.get(schoolId)!, date });
        await this.notifications.notify(em, { schoolIds: [schoolId] }, {
          kind: 'after_school.homework.publication_missing',
          title: '作业公示缺失',
          body: `本校 ${date} 未进行作业公示，请及时补报并按要求每日公示。`,
          entityType: 'school',
          entityId: schoolId,
        });
      }
      return flagged.map((f) => f.school_id);
    });
  }
}
