import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { systemPrincipal } from '../../platform/auth/principal';
import { EventPublisher } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { ComplaintDeadline, ComplaintStatus } from './complaint.enums';
import { HANDLING } from './deadlines';

/** Pending-deadline columns the sweep marks, per deadline. */
const SWEEP: Record<ComplaintDeadline, { due: string; marker: string; level: string; statuses: ComplaintStatus[] }> = {
  ROUTE: {
    due: 'route_due_at',
    marker: 'route_overdue_at',
    level: 'route_overdue_level',
    statuses: [ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED],
  },
  ACCEPT: {
    due: 'accept_due_at',
    marker: 'accept_overdue_at',
    level: 'accept_overdue_level',
    statuses: [ComplaintStatus.RECEIVED],
  },
  HANDLE: { due: 'handle_due_at', marker: 'handle_overdue_at', level: 'handle_overdue_level', statuses: HANDLING },
  REVIEW: {
    due: 'review_due_at',
    marker: 'review_overdue_at',
    level: 'review_overdue_level',
    statuses: [ComplaintStatus.UNDER_REVIEW],
  },
};

const SWEEP_BATCH = 500;

const DEADLINE_LABEL: Record<ComplaintDeadline, string> = {
  ROUTE: '登记转送',
  ACCEPT: '受理告知',
  HANDLE: '办理',
  REVIEW: '复查',
};

/** The overdue sweep over complaints' statutory deadlines (the escalation ladder of complaints). */
@Injectable()
export class ComplaintOverdueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly policy: PolicyFacade,
  ) {}

  /**
   * Marks complaints past a pending deadline overdue and raises them up the escalation ladder as the
   * lateness grows, like tasks (level 1 once overdue, 2 after supervision.level2_days, 3 after
   * supervision.level3_days). Each rise emits `complaints.complaint.overdue` with the level reached and the
   * previous one, in the same transaction: a second run finds the level and emits nothing, and concurrent
   * sweeps skip each other's locked rows. The lead department and the township get an inbox notice when a
   * deadline is first missed; the supervision ladder notifies each higher level. Returns how many
   * deadlines rose.
   */
  async sweepOverdue(now: Date): Promise<number> {
    const actor = systemPrincipal('complaints.overdue-sweep');
    const { 'supervision.level2_days': level2Days, 'supervision.level3_days': level3Days } = await this.policy.values(
      ['supervision.level2_days', 'supervision.level3_days'],
      now,
    );
    let total = 0;
    for (const deadline of Object.keys(SWEEP) as ComplaintDeadline[]) {
      const { due, marker, level, statuses } = SWEEP[deadline];
      // Overdue by more than N days ⇔ due before now − N×24 h (the ladder's rule, supervision/ladder.ts).
      const reached = `CASE WHEN ${due} < $1::timestamptz - make_interval(hours => 24 * $4::int) THEN 3
                            WHEN ${due} < $1::timestamptz - make_interval(hours => 24 * $3::int) THEN 2 ELSE 1 END`;
      for (;;) {
        const raised = await this.dataSource.transaction(async (em) => {
          const [rows] = (await em.query(
            `WITH due AS (
               SELECT id, ${level} AS previous, ${reached} AS reached FROM complaint
               WHERE status = ANY($2) AND ${due} <= $1 AND COALESCE(${level}, 0) < 3 AND COALESCE(${level}, 0) < ${reached}
               ORDER BY ${due} LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED)
             UPDATE complaint c SET ${marker} = COALESCE(c.${marker}, $1), ${level} = due.reached, updated_at = $1
             FROM due WHERE c.id = due.id
             RETURNING c.id, c.tracking_number, c.${due} AS due_at, c.lead_department_code, c.township_code, due.previous, due.reached`,
            [now, statuses, level2Days, level3Days],
          )) as [
            {
              id: string;
              tracking_number: string;
              due_at: Date;
              lead_department_code: string;
              township_code: string;
              previous: number | null;
              reached: number;
            }[],
            number,
          ];
          for (const r of rows) {
            const dueAt = new Date(r.due_at).toISOString();
            const previousLevel = r.previous ?? 0;
            await this.events.publish(em, 'complaints.complaint.overdue', {
              complaintId: r.id,
              trackingNumber: r.tracking_number,
              deadline,
              dueAt,
              leadDepartmentCode: r.lead_department_code,
              townshipCode: r.township_code,
              level: r.reached,
              previousLevel,
            });
            if (previousLevel === 0) {
              await this.notifications.notify(
                em,
                { departmentCodes: [r.lead_department_code], townshipCodes: [r.township_code] },
                {
                  kind: 'complaints.complaint.overdue',
                  title: '投诉办理超期',
                  body: `投诉 ${r.tracking_number} 已超过${DEADLINE_LABEL[deadline]}期限（${dueAt}）。`,
                  entityType: 'complaint',
                  entityId: r.id,
                },
              );
            }
            await this.audit.record(em, {
              actor,
              action: 'complaints.complaint.overdue',
              entityType: 'complaint',
              entityId: r.id,
              summary: { deadline, dueAt, level: r.reached, previousLevel },
            });
          }
          return rows.length;
        });
        total += raised;
        if (raised < SWEEP_BATCH) break;
      }
    }
    return total;
  }
}
