import { DomainEvent, EventName, EventPayload } from '../events/catalogue';

/** One live update on the bus: which event happened to which record (the record itself is re-read). */
export interface LiveMessage {
  event: EventName;
  eventId: string;
  /** The record the event is about (the notification, alert, task, complaint or user id). */
  id: string;
}

type RecordOf = { [N in EventName]?: (payload: EventPayload<N>) => string | undefined };

/**
 * The domain events that feed live updates, and the record each is about. Only these cross the bus, and
 * only as (event, record id): subscribers re-read the record with their own principal.
 */
export const LIVE_EVENTS: RecordOf = {
  'notifications.notification.created': (p) => p.notificationId,
  'escrow.alert.raised': (p) => p.alertId,
  'escrow.alert.acknowledged': (p) => p.alertId,
  'escrow.alert.resolved': (p) => p.alertId,
  'supervision.task.created': (p) => p.taskId,
  'supervision.task.changed': (p) => p.taskId,
  'supervision.task.escalated': (p) => p.taskId, // absent when a rectification order escalated
  'complaints.complaint.received': (p) => p.complaintId,
  'complaints.complaint.changed': (p) => p.complaintId,
  'complaints.complaint.overdue': (p) => p.complaintId,
  'complaints.institution.replied': (p) => p.complaintId,
  // Not a subscription: a disabled user's open connections are closed (4403).
  'identity.user.disabled': (p) => p.userId,
};

/** The live messages of committed events (events that feed no live update, or name no record, are left out). */
export function liveMessages(events: readonly DomainEvent[]): LiveMessage[] {
  const out: LiveMessage[] = [];
  for (const e of events) {
    const recordOf = LIVE_EVENTS[e.name] as ((p: unknown) => string | undefined) | undefined;
    const id = recordOf?.(e.payload);
    if (typeof id === 'string') out.push({ event: e.name, eventId: e.eventId, id });
  }
  return out;
}

/** Parses a bus payload (a JSON array of messages); anything malformed is dropped. */
export function parseLiveMessages(raw: string): LiveMessage[] {
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(
      (m): m is LiveMessage =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as LiveMessage).event === 'string' &&
        typeof (m as LiveMessage).eventId === 'string' &&
        typeof (m as LiveMessage).id === 'string',
    );
  } catch {
    return [];
  }
}

/** Splits messages into JSON arrays of at most `maxBytes` each (PostgreSQL NOTIFY payloads stay under 8000 bytes). */
export function chunkMessages(messages: readonly LiveMessage[], maxBytes: number): string[] {
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const m of messages) {
    const json = JSON.stringify(m);
    if (current.length > 0 && size + json.length + 1 > maxBytes) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}
