import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { businessToday } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher, EventPayload } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { ReferenceFacade } from '../reference';
import { breachWindow } from './after-school.rules';

const SYSTEM = systemPrincipal('after-school');

/**
 * Homework over the time limit (作业超时): each breach is told to the school and the Education Bureau, and
 * the school's breaches (class-days reported over their limit) in the county's rolling period are counted;
 * at the county's threshold one alert is raised (`after_school.homework.breach_threshold_reached`), which
 * the supervision module turns into a homework-burden inspection of the school. The breaches an alert
 * counted never count again: the next alert needs a fresh run of breaches after it.
 */
@Injectable()
export class HomeworkBreachService {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly policy: PolicyFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Handles one breach inside the subscriber's transaction (once per event). */
  async onBreach(em: EntityManager, breach: EventPayload<'after_school.homework.limit_exceeded'>): Promise<void> {
    const [school] = await this.reference.schoolsByIds([breach.schoolId]);
    if (!school) return;
    // One evaluation per school at a time, so two breaches processed together cannot raise two alerts.
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('homework_breach'), hashtext($1))`, [school.id]);
    const [grade, className] = breach.classId.split('/');
    await this.notifications.notify(
      em,
      { schoolIds: [school.id], departmentCodes: ['EDU'] },
      {
        kind: 'after_school.homework.limit_exceeded',
        title: `作业超时：${school.name} ${grade}年级${className}班`,
        body: `${breach.date} ${school.name} ${grade}年级${className}班书面作业用时 ${breach.minutes} 分钟，超过 ${breach.limit} 分钟的时长上限。`,
        entityType: 'school',
        entityId: school.id,
      },
    );
    const now = this.clock.now();
    const threshold = await this.policy.value('after_school.homework_breach_threshold', now);
    const periodDays = await this.policy.value('after_school.homework_breach_period_days', now);
    const [last] = (await em.query(
      `SELECT to_char(window_to, 'YYYY-MM-DD') AS window_to FROM homework_breach_alert WHERE school_id = $1 ORDER BY window_to DESC LIMIT 1`,
      [school.id],
    )) as { window_to: string }[];
    const today = businessToday(this.clock, this.config.timeZone);
    const window = breachWindow(today, periodDays, last?.window_to ?? null);
    if (!window) return;
    const [{ n }] = (await em.query(
      `SELECT count(*)::int AS n FROM homework_record
       WHERE school_id = $1 AND reported_minutes > limit_minutes AND homework_date BETWEEN $2::date AND $3::date`,
      [school.id, window.from, window.to],
    )) as [{ n: number }];
    if (n < threshold) return;
    const [alert] = (await em.query(
      `INSERT INTO homework_breach_alert (school_id, township_code, breaches, threshold, period_days, window_from, window_to, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [school.id, school.townshipCode, n, threshold, periodDays, window.from, window.to, now],
    )) as { id: string }[];
    await this.audit.record(em, {
      actor: SYSTEM,
      action: 'after_school.homework.breach_threshold_reached',
      entityType: 'homework_breach_alert',
      entityId: alert!.id,
      summary: { schoolId: school.id, breaches: n, threshold, periodDays, from: window.from, to: window.to },
    });
    await this.events.publish(em, 'after_school.homework.breach_threshold_reached', {
      alertId: alert!.id,
      schoolId: school.id,
      townshipCode: school.townshipCode,
      breaches: n,
      threshold,
      periodDays,
      windowFrom: window.from,
      windowTo: window.to,
    });
  }
}
