import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { currentRequestId } from '../logging/request-context';
import { SpanKind, currentTraceCarrier, inSpan } from '../tracing/tracing';
import { EVENT_CATALOGUE, EventName, EventPayload } from './catalogue';

/** Channel the relay LISTENs on; NOTIFY is delivered at commit and dropped on rollback. */
export const OUTBOX_CHANNEL = 'sj_outbox';

/**
 * Publishes domain events through the transactional outbox: the event is a row written by the same
 * transaction as the state change, so it exists exactly when the change does. The relay (worker role)
 * moves rows to BullMQ. No module adds jobs to BullMQ to publish.
 */
@Injectable()
export class EventPublisher {
  constructor(private readonly clock: Clock) {}

  async publish<N extends EventName>(em: EntityManager, name: N, payload: EventPayload<N>): Promise<string> {
    const [id] = await this.publishMany(em, [{ name, payload }]);
    return id as string;
  }

  async publishMany(em: EntityManager, events: { name: EventName; payload: unknown }[]): Promise<string[]> {
    if (events.length === 0) return [];
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('EventPublisher.publish must run inside the transaction of the state change');
    }
    const ids = events.map(() => randomUUID());
    const now = this.clock.now();
    const names = [...new Set(events.map((e) => e.name))];
    // The publish span's context goes with each row: the subscribers' spans become its children.
    return inSpan(
      `outbox publish ${names.join(',')}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'outbox', 'messaging.batch.message_count': events.length },
      },
      async (span) => {
        if (span.isRecording() && ids.length === 1) span.setAttribute('messaging.message.id', ids[0]!);
        const requestId = currentRequestId() ?? null;
        const trace = currentTraceCarrier();
        await em.query(
          `INSERT INTO outbox (event_id, name, version, payload, occurred_at, request_id, context)
         SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::int[], $4::jsonb[], $5::timestamptz[], $6::varchar[], $7::jsonb[])`,
          [
            ids,
            events.map((e) => e.name),
            events.map((e) => EVENT_CATALOGUE[e.name].version),
            events.map((e) => JSON.stringify(e.payload)),
            events.map(() => now),
            events.map(() => requestId),
            events.map(() => (trace ? JSON.stringify(trace) : null)),
          ],
        );
        await em.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
        return ids;
      },
    );
  }
}
