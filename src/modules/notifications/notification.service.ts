import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import {
  Connection,
  CursorSpec,
  PageArgs,
  decodeCursor,
  encodeCursor,
  pageInfoOf,
} from '../../platform/graphql/pagination';
import { notificationNotFound } from './notifications.errors';
import { text } from '../../platform/i18n/text';

/** Who receives a notification: people directly, or everyone holding an address (now or later). */
export interface Recipients {
  userIds?: readonly string[];
  departmentCodes?: readonly string[];
  townshipCodes?: readonly string[];
  schoolIds?: readonly string[];
  /** The administrators of these institutions (INSTITUTION_ADMIN), now or later. */
  institutionIds?: readonly string[];
  roles?: readonly Role[];
}

export interface NotificationContent {
  /** Stable kind, `module.what`, e.g. `supervision.task.escalated`. */
  kind: string;
  title: string;
  body: string;
  entityType?: string;
  entityId?: string;
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: Date;
  read: boolean;
}

type Target = { kind: 'USER' | 'DEPARTMENT' | 'TOWNSHIP' | 'SCHOOL' | 'INSTITUTION' | 'ROLE'; value: string };

function targetsOf(r: Recipients): Target[] {
  const list: Target[] = [
    ...(r.userIds ?? []).map((value) => ({ kind: 'USER' as const, value })),
    ...(r.departmentCodes ?? []).map((value) => ({ kind: 'DEPARTMENT' as const, value })),
    ...(r.townshipCodes ?? []).map((value) => ({ kind: 'TOWNSHIP' as const, value })),
    ...(r.schoolIds ?? []).map((value) => ({ kind: 'SCHOOL' as const, value })),
    ...(r.institutionIds ?? []).map((value) => ({ kind: 'INSTITUTION' as const, value })),
    ...(r.roles ?? []).map((value) => ({ kind: 'ROLE' as const, value })),
  ];
  return [...new Map(list.map((t) => [`${t.kind}:${t.value}`, t])).values()];
}

/**
 * The addresses a person reads: themself, their role, and their department, township or school. An
 * institution administrator reads what is addressed to them or to their institution, not to their role
 * (which every institution's administrators share).
 */
function addressesOf(actor: Principal): Target[] {
  if (actor.kind !== 'user')
    throw new Forbidden(text('Only a logged-in person has an inbox', '只有已登录的人员才有收件箱'));
  if (actor.role === Role.INSTITUTION_ADMIN)
    return [
      { kind: 'USER', value: actor.userId },
      ...(actor.institutionId ? [{ kind: 'INSTITUTION' as const, value: actor.institutionId }] : []),
    ];
  return [
    { kind: 'USER', value: actor.userId },
    { kind: 'ROLE', value: actor.role },
    ...(actor.departmentCode ? [{ kind: 'DEPARTMENT' as const, value: actor.departmentCode }] : []),
    ...(actor.townshipCode ? [{ kind: 'TOWNSHIP' as const, value: actor.townshipCode }] : []),
    ...(actor.schoolId ? [{ kind: 'SCHOOL' as const, value: actor.schoolId }] : []),
  ];
}

const INBOX = `
  FROM notification n
  WHERE EXISTS (SELECT 1 FROM notification_target t
                JOIN unnest($1::varchar[], $2::varchar[]) AS a(kind, value) ON t.target_kind = a.kind AND t.target_value = a.value
                WHERE t.notification_id = n.id)`;

/**
 * In-app notifications (站内通知). Modules call `notify(em, …)` inside the transaction of what they
 * notify about; an event then carries it to the outbound channels (SMS/WeChat adapters later).
 */
/** Cursor identity of a user's inbox, newest first. */
const INBOX_CURSOR: CursorSpec = {
  list: 'notifications.inbox',
  order: 'created_at,id',
  direction: 'DESC',
  types: ['timestamp', 'uuid'],
};

@Injectable()
export class NotificationService {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject('NOTIFICATION_CHANNELS') private readonly channels: NotificationChannel[],
  ) {}

  async notify(em: EntityManager, recipients: Recipients, content: NotificationContent): Promise<string | null> {
    const targets = targetsOf(recipients);
    if (targets.length === 0) return null;
    const [row] = (await em.query(
      `INSERT INTO notification (kind, title, body, entity_type, entity_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        content.kind,
        content.title.slice(0, 200),
        content.body,
        content.entityType ?? null,
        content.entityId ?? null,
        this.clock.now(),
      ],
    )) as { id: string }[];
    const id = row!.id;
    await em.query(
      `INSERT INTO notification_target (notification_id, target_kind, target_value)
       SELECT $1, k, v FROM unnest($2::varchar[], $3::varchar[]) AS x(k, v)`,
      [id, targets.map((t) => t.kind), targets.map((t) => t.value)],
    );
    await this.events.publish(em, 'notifications.notification.created', {
      notificationId: id,
      kind: content.kind,
      title: content.title,
      targets: targets.map((t) => `${t.kind}:${t.value}`),
    });
    return id;
  }

  async inbox(actor: Principal, unreadOnly: boolean, page: PageArgs): Promise<Connection<InboxItem>> {
    const addresses = addressesOf(actor);
    const userId = (actor as { userId: string }).userId;
    const params: unknown[] = [addresses.map((a) => a.kind), addresses.map((a) => a.value), userId];
    const unread = unreadOnly
      ? ' AND NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = $3)'
      : '';
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total ${INBOX}${unread}`,
      unreadOnly ? params : params.slice(0, 2),
    )) as [{ total: number }];
    const first = page.first ?? 20;
    let after = '';
    if (page.after) {
      const [createdAt, id] = decodeCursor(INBOX_CURSOR, page.after) as [string, string];
      params.push(createdAt, id);
      after = ` AND (n.created_at, n.id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.entity_type AS "entityType", n.entity_id AS "entityId", n.created_at AS "createdAt",
              EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = $3) AS read
       ${INBOX}${unread}${after}
       ORDER BY n.created_at DESC, n.id DESC LIMIT ${first + 1}`,
      params,
    )) as InboxItem[];
    const nodes = rows.slice(0, first);
    const edges = nodes.map((node) => ({
      node,
      cursor: encodeCursor(INBOX_CURSOR, [new Date(node.createdAt).toISOString(), node.id]),
    }));
    return {
      edges,
      totalCount: total,
      pageInfo: pageInfoOf(edges, rows.length > first, page.after),
    };
  }

  async unreadCount(actor: Principal): Promise<number> {
    const addresses = addressesOf(actor);
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n ${INBOX} AND NOT EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = $3)`,
      [addresses.map((a) => a.kind), addresses.map((a) => a.value), (actor as { userId: string }).userId],
    )) as [{ n: number }];
    return n;
  }

  /** One notification the reader receives, with its read flag; any other is NOTIFICATION_NOT_FOUND. */
  async item(actor: Principal, id: string): Promise<InboxItem> {
    const addresses = addressesOf(actor);
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.entity_type AS "entityType", n.entity_id AS "entityId", n.created_at AS "createdAt",
              EXISTS (SELECT 1 FROM notification_read r WHERE r.notification_id = n.id AND r.user_id = $4) AS read
       ${INBOX} AND n.id = $3`,
      [addresses.map((a) => a.kind), addresses.map((a) => a.value), id, (actor as { userId: string }).userId],
    )) as InboxItem[];
    if (!rows[0]) throw notificationNotFound(id);
    return rows[0];
  }

  /** Marks one notification read; one the reader does not receive is NOTIFICATION_NOT_FOUND. */
  async markRead(actor: Principal, id: string): Promise<InboxItem> {
    const addresses = addressesOf(actor);
    const userId = (actor as { userId: string }).userId;
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.kind, n.title, n.body, n.entity_type AS "entityType", n.entity_id AS "entityId", n.created_at AS "createdAt", true AS read
       ${INBOX} AND n.id = $3`,
      [addresses.map((a) => a.kind), addresses.map((a) => a.value), id],
    )) as InboxItem[];
    if (!rows[0]) throw notificationNotFound(id);
    await this.dataSource.query(
      `INSERT INTO notification_read (notification_id, user_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [id, userId, this.clock.now()],
    );
    return rows[0];
  }

  async markAllRead(actor: Principal): Promise<number> {
    const addresses = addressesOf(actor);
    const userId = (actor as { userId: string }).userId;
    const marked = (await this.dataSource.query(
      `INSERT INTO notification_read (notification_id, user_id, read_at)
       SELECT n.id, $3, $4 ${INBOX}
       ON CONFLICT DO NOTHING RETURNING notification_id`,
      [addresses.map((a) => a.kind), addresses.map((a) => a.value), userId, this.clock.now()],
    )) as unknown[];
    return marked.length;
  }

  /** Hands a created notification to every outbound channel (called by the delivery subscriber). */
  async deliverOutbound(notification: {
    notificationId: string;
    kind: string;
    title: string;
    targets: string[];
  }): Promise<void> {
    for (const channel of this.channels) {
      await channel.deliver(notification);
    }
    if (this.channels.length === 0) this.logger.debug(`no outbound channel for ${notification.notificationId}`);
  }
}

/** An outbound channel (SMS, WeChat work, e-mail…). The default one writes a log line. */
export interface NotificationChannel {
  readonly name: string;
  deliver(notification: { notificationId: string; kind: string; title: string; targets: string[] }): Promise<void>;
}

export class LogChannel implements NotificationChannel {
  readonly name = 'log';
  private readonly logger = new Logger('NotificationChannel');

  async deliver(notification: {
    notificationId: string;
    kind: string;
    title: string;
    targets: string[];
  }): Promise<void> {
    this.logger.log({
      notification: notification.notificationId,
      kind: notification.kind,
      targets: notification.targets,
      msg: `notify: ${notification.title}`,
    });
  }
}
