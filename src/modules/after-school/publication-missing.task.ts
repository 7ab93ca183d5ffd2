import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { EventPublisher, ScheduledTask, ScheduledTaskHandler } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { semesterOf } from './after-school.rules';
import { SchoolCalendar } from './school-calendar';

/**
 * Each morning, flags the schools that did not publish homework for every class on the previous school day
 * (from the county calendar: holidays and vacations are skipped): the classes of the semester's
 * participation roster without a publication are named, and a school that published nothing at all is
 * flagged even without a roster. Each flag is an `after_school.homework.publication_missing` event and a
 * notification to the school. A school and day is flagged once (homework_missing_flag), however often or
 * on however many workers the task runs.
 */
@Injectable()
@ScheduledTask('after_school.publication-missing-sweep')
export class PublicationMissingTask implements ScheduledTaskHandler {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly reference: ReferenceFacade,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
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
    const ids = schools.map((s) => s.id);
    // Roster classes of the day's semester without a publication that day, and schools with none at all.
    const missing: { school_id: string; classes: string[] }[] = await this.dataSource.query(
      `WITH published AS (SELECT school_id, grade, class_name FROM homework_record WHERE school_id = ANY($1::uuid[]) AND homework_date = $2::date)
       SELECT s.id AS school_id,
              coalesce((SELECT array_agg(r.grade || '/' || r.class_name ORDER BY r.grade, r.class_name)
                        FROM after_school_participation r
                        WHERE r.school_id = s.id AND r.semester = $3
                          AND NOT EXISTS (SELECT 1 FROM published p WHERE p.school_id = r.school_id AND p.grade = r.grade AND p.class_name = r.class_name)),
                       '{}') AS classes
       FROM unnest($1::uuid[]) AS s(id)
       WHERE NOT EXISTS (SELECT 1 FROM published p WHERE p.school_id = s.id)
          OR EXISTS (SELECT 1 FROM after_school_participation r WHERE r.school_id = s.id AND r.semester = $3
                       AND NOT EXISTS (SELECT 1 FROM published p WHERE p.school_id = r.school_id AND p.grade = r.grade AND p.class_name = r.class_name))`,
      [ids, date, semesterOf(date)],
    );
    if (missing.length === 0) return [];
    const classesOf = new Map(missing.map((m) => [m.school_id, m.classes]));
    return this.dataSource.transaction(async (em) => {
      const flagged: { school_id: string }[] = await em.query(
        `INSERT INTO homework_missing_flag (school_id, homework_date, flagged_at)
         SELECT s.id, $2::date, $3 FROM unnest($1::uuid[]) AS s(id)
         ON CONFLICT DO NOTHING RETURNING school_id`,
        [[...classesOf.keys()], date, now],
      );
      const township = new Map(schools.map((s) => [s.id, s.townshipCode]));
      for (const { school_id: schoolId } of flagged) {
        const missingClasses = classesOf.get(schoolId) ?? [];
        await this.events.publish(em, 'after_school.homework.publication_missing', {
          schoolId,
          townshipCode: township.get(schoolId)!,
          date,
          missingClasses,
        });
        const which =
          missingClasses.length > 0 ? `以下班级未进行作业公示：${missingClasses.join('、')}` : '未进行作业公示';
        await this.notifications.notify(
          em,
          { schoolIds: [schoolId] },
          {
            kind: 'after_school.homework.publication_missing',
            title: '作业公示缺失',
            body: `本校 ${date} ${which}，请及时补报并按要求每日分班公示。`,
            entityType: 'school',
            entityId: schoolId,
          },
        );
      }
      return flagged.map((f) => f.school_id);
    });
  }
}
