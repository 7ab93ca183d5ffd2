import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher, EventPayload } from '../../platform/events';
import { NotificationsFacade } from '../notifications';
import { PolicyFacade } from '../policy';
import { AccountabilityItemKind } from './accountability/accountability.enums';
import { AccountabilityService } from './accountability/accountability.service';
import { LadderItem, ladderLevel, overdueDays, recipientsBetween } from './ladder';
import { OPEN_STATUS_SQL } from './supervision.enums';

interface Claimed {
  id: string;
  title: string;
  fromLevel: number;
  toLevel: number;
  dueAt: Date;
  leadDepartmentCode: string;
  townshipCode: string | null;
  assigneeIds: string[];
  /** A task's target (who is held to account at level 3 may be it); null for an order. */
  targetKind: string | null;
  targetId: string | null;
}

export interface SweepResult {
  tasks: number;
  orders: number;
}

const KINDS = {
  TASK: {
    table: 'supervision_task',
    due: 'due_at',
    open: `status IN ${OPEN_STATUS_SQL}`,
    returning: `x.title, x.assignee_ids AS "assigneeIds", x.target_kind AS "targetKind", x.target_id AS "targetId"`,
  },
  ORDER: {
    table: 'rectification_order',
    due: 'deadline_at',
    open: `status = 'OPEN'`,
    returning: `left(x.requirements, 100) AS title, '{}'::uuid[] AS "assigneeIds", NULL AS "targetKind", NULL AS "targetId"`,
  },
} as const;

/**
 * The escalation ladder (督办). Each batch claims overdue rows whose level is below what their lateness
 * deserves with `FOR UPDATE SKIP LOCKED` and raises the level in the same statement, so a second sweep,
 * concurrent or later, finds nothing to do for them; the escalation records, events and notifications
 * are written in that transaction. Only the partial index of open rows is read, from the earliest due
 * date to now; raising the level changes no indexed column (a HOT update).
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger('EscalationSweep');

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly notifications: NotificationsFacade,
    private readonly clock: Clock,
    private readonly policy: PolicyFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accountability: AccountabilityService,
  ) {}

  /** The county's escalation ladder (supervision.level2_days, level3_days) in force at an instant. */
  private async ladder(at: Date): Promise<{ level2Days: number; level3Days: number }> {
    const v = await this.policy.values(['supervision.level2_days', 'supervision.level3_days'], at);
    return { level2Days: v['supervision.level2_days'], level3Days: v['supervision.level3_days'] };
  }

  async sweep(now: Date = this.clock.now()): Promise<SweepResult> {
    const result = { tasks: await this.sweepKind('TASK', now), orders: await this.sweepKind('ORDER', now) };
    if (result.tasks || result.orders) this.logger.log({ ...result, msg: 'escalated overdue items' });
    return result;
  }

  private async sweepKind(kind: keyof typeof KINDS, now: Date): Promise<number> {
    const batch = this.config.supervision.sweepBatchSize;
    let total = 0;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const claimed = await this.dataSource.transaction(async (em) => {
        const rows = await this.claim(em, kind, now, batch, after);
        if (rows.length) await this.record(em, kind, rows, now);
        return rows;
      });
      total += claimed.length;
      if (claimed.length < batch) return total;
      const last = claimed.reduce((a, b) =>
        a.dueAt.getTime() > b.dueAt.getTime() || (a.dueAt.getTime() === b.dueAt.getTime() && a.id > b.id) ? a : b,
      );
      after = { dueAt: last.dueAt, id: last.id };
    }
  }

  /**
   * Claims a batch and raises its level in one statement. This is the sweep's write, not a read (picking
   * the rows and raising them apart would let two sweeps claim the same row), so it stays here rather than
   * in supervision.queries.ts; the service holds no other SQL but its inserts.
   */
  private async claim(
    em: EntityManager,
    kind: keyof typeof KINDS,
    now: Date,
    batch: number,
    after: { dueAt: Date; id: string } | null,
  ): Promise<Claimed[]> {
    const k = KINDS[kind];
    const { level2Days, level3Days } = await this.ladder(now);
    const level = `CASE WHEN ${k.due} < $1::timestamptz - make_interval(days => $3) THEN 3 WHEN ${k.due} < $1::timestamptz - make_interval(days => $2) THEN 2 ELSE 1 END`;
    const params: unknown[] = [now, level2Days, level3Days, batch];
    let keyset = '';
    if (after) {
      params.push(after.dueAt, after.id);
      keyset = ` AND (${k.due}, id) > ($5::timestamptz, $6::uuid)`;
    }
    const rows = (await em.query(
      `WITH claimed AS (
         SELECT id, escalation_level AS from_level, ${level} AS to_level
         FROM ${k.table}
         WHERE ${k.open} AND escalation_level < 3 AND ${k.due} < $1${keyset} AND escalation_level < ${level}
         ORDER BY ${k.due}, id
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       UPDATE ${k.table} x SET escalation_level = c.to_level, escalated_at = $1
       FROM claimed c WHERE x.id = c.id
       RETURNING x.id, c.from_level AS "fromLevel", c.to_level AS "toLevel", x.${k.due} AS "dueAt",
                 x.lead_department_code AS "leadDepartmentCode", x.township_code AS "townshipCode", ${k.returning}`,
      params,
    )) as [Claimed[], number] | Claimed[];
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as Claimed[];
    return list.map((r) => ({
      ...r,
      dueAt: new Date(r.dueAt),
      fromLevel: Number(r.fromLevel),
      toLevel: Number(r.toLevel),
    }));
  }

  /** Escalation rows, one event and one notification per claimed item, in the claiming transaction. */
  private async record(em: EntityManager, kind: 'TASK' | 'ORDER', rows: Claimed[], now: Date): Promise<void> {
    const notified = rows.map((r) => recipientsBetween(r.fromLevel, r.toLevel, r));
    await em.query(
      `INSERT INTO supervision_escalation (item_kind, item_id, level, overdue_days, lead_department_code, township_code, notified, escalated_at)
       SELECT $1, x.item_id, x.level, x.days, x.dept, x.township, x.notified, $2
       FROM unnest($3::uuid[], $4::int[], $5::int[], $6::varchar[], $7::varchar[], $8::jsonb[]) AS x(item_id, level, days, dept, township, notified)`,
      [
        kind,
        now,
        rows.map((r) => r.id),
        rows.map((r) => r.toLevel),
        rows.map((r) => overdueDays(r.dueAt, now)),
        rows.map((r) => r.leadDepartmentCode),
        rows.map((r) => r.townshipCode),
        notified.map((n) => JSON.stringify(n)),
      ],
    );
    await this.events.publishMany(
      em,
      rows.map((r) => ({
        name: 'supervision.task.escalated' as const,
        payload: {
          ...(kind === 'TASK' ? { taskId: r.id } : { orderId: r.id }),
          level: r.toLevel,
          overdueDays: overdueDays(r.dueAt, now),
          leadDepartmentCode: r.leadDepartmentCode,
          townshipCode: r.townshipCode,
        } satisfies EventPayload<'supervision.task.escalated'>,
      })),
    );
    // Level 3 makes it a case (问责): the party held to account, in this same transaction (ADR 0028).
    await this.accountability.openFor(
      em,
      rows
        .filter((r) => r.toLevel === 3)
        .map((r) => ({
          itemKind: kind === 'TASK' ? AccountabilityItemKind.TASK : AccountabilityItemKind.ORDER,
          itemId: r.id,
          title: r.title,
          dueAt: r.dueAt,
          overdueDays: overdueDays(r.dueAt, now),
          leadDepartmentCode: r.leadDepartmentCode,
          townshipCode: r.townshipCode,
          targetKind: r.targetKind,
          targetId: r.targetId,
        })),
      now,
    );
    // One notification per item, or one digest per group of items with the same recipients and level
    // (a batch of hundreds of late tasks of one department is one message to it, not hundreds).
    const what = kind === 'TASK' ? '督导任务' : '整改通知';
    const entityType = kind === 'TASK' ? 'supervision_task' : 'rectification_order';
    const groups = new Map<string, { recipients: (typeof notified)[number]; level: number; items: Claimed[] }>();
    rows.forEach((r, i) => {
      const key = `${r.toLevel}|${JSON.stringify(notified[i])}`;
      const group = groups.get(key) ?? { recipients: notified[i]!, level: r.toLevel, items: [] };
      group.items.push(r);
      groups.set(key, group);
    });
    for (const { recipients, level, items } of groups.values()) {
      const line = (r: Claimed) =>
        `${r.title} (${r.id}, ${r.leadDepartmentCode}): due ${r.dueAt.toISOString()}, ${overdueDays(r.dueAt, now)} days overdue`;
      if (items.length === 1) {
        const r = items[0]!;
        await this.notifications.notify(em, recipients, {
          kind: 'supervision.task.escalated',
          title: `${levelName(level)}：${what}逾期 ${overdueDays(r.dueAt, now)} 天 — ${r.title}`,
          body: `${line(r)}; escalation level ${level}.`,
          entityType,
          entityId: r.id,
        });
      } else {
        const shown = items.slice(0, DIGEST_LINES).map(line);
        if (items.length > DIGEST_LINES) shown.push(`… and ${items.length - DIGEST_LINES} more`);
        await this.notifications.notify(em, recipients, {
          kind: 'supervision.task.escalated',
          title: `${levelName(level)}：${items.length} 项${what}逾期`,
          body: shown.join('\n'),
          entityType,
        });
      }
    }
  }

  /**
   * A complaint past a statutory deadline is on the ladder at the level the complaints module's sweep
   * raised it to (it climbs as the lateness grows, like a task), notifying the people of every level it
   * passed since the previous one (recorded as a COMPLAINT item).
   */
  async complaintOverdue(em: EntityManager, payload: EventPayload<'complaints.complaint.overdue'>): Promise<number> {
    const now = this.clock.now();
    const dueAt = new Date(payload.dueAt);
    const level = payload.level ?? Math.max(1, ladderLevel(dueAt, now, await this.ladder(now)));
    const item: LadderItem = {
      leadDepartmentCode: payload.leadDepartmentCode,
      townshipCode: payload.townshipCode,
      assigneeIds: [],
    };
    const recipients = recipientsBetween(Math.min(payload.previousLevel ?? 0, level - 1), level, item);
    await em.query(
      `INSERT INTO supervision_escalation (item_kind, item_id, level, overdue_days, lead_department_code, township_code, notified, escalated_at)
       VALUES ('COMPLAINT', $1, $2, $3, $4, $5, $6, $7)`,
      [
        payload.complaintId,
        level,
        overdueDays(dueAt, now),
        payload.leadDepartmentCode,
        payload.townshipCode,
        JSON.stringify(recipients),
        now,
      ],
    );
    if (level === 3)
      await this.accountability.openFor(
        em,
        [
          {
            itemKind: AccountabilityItemKind.COMPLAINT,
            itemId: payload.complaintId,
            title: `投诉 ${payload.trackingNumber}`,
            dueAt,
            overdueDays: overdueDays(dueAt, now),
            leadDepartmentCode: payload.leadDepartmentCode,
            townshipCode: payload.townshipCode,
          },
        ],
        now,
      );
    await this.notifications.notify(em, recipients, {
      kind: 'supervision.complaint.overdue',
      title: `${levelName(level)}：投诉 ${payload.trackingNumber} 超过${DEADLINE_NAMES[payload.deadline]}期限`,
      body: `Complaint ${payload.trackingNumber} missed its ${payload.deadline} deadline (${payload.dueAt}).`,
      entityType: 'complaint',
      entityId: payload.complaintId,
    });
    return level;
  }
}

/** Items listed in one digest notification. */
const DIGEST_LINES = 100;

const DEADLINE_NAMES = { ROUTE: '登记转送', ACCEPT: '受理', HANDLE: '办理', REVIEW: '复查' } as const;

function levelName(level: number): string {
  return ['', '一级督办', '二级督办（领导小组办公室）', '三级督办（督办督查局、纪委监委）'][level] ?? `level ${level}`;
}
