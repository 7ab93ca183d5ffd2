import { DomainEvent } from '../events/catalogue';
import { chunkMessages, liveMessages, parseLiveMessages } from './live-events';

const event = (name: string, payload: Record<string, unknown>): DomainEvent =>
  ({ eventId: `e-${name}`, name, version: 1, occurredAt: '', requestId: null, payload }) as unknown as DomainEvent;

describe('live messages', () => {
  it('keeps the live events, each as (event, record id), and nothing else', () => {
    expect(
      liveMessages([
        event('escrow.alert.raised', { alertId: 'a1', details: { big: 'x'.repeat(10_000) } }),
        event('registry.institution.approved', { institutionId: 'i1' }),
        event('supervision.task.escalated', { orderId: 'o1', level: 2 }), // an order, not a task: no record
        event('supervision.task.changed', { taskId: 't1', command: 'started' }),
      ]),
    ).toEqual([
      { event: 'escrow.alert.raised', eventId: 'e-escrow.alert.raised', id: 'a1' },
      { event: 'supervision.task.changed', eventId: 'e-supervision.task.changed', id: 't1' },
    ]);
  });

  it('splits a batch into JSON arrays under the size limit, losing nothing', () => {
    const messages = Array.from({ length: 200 }, (_, i) => ({
      event: 'escrow.alert.raised' as const,
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      id: `a${i}`,
    }));
    const chunks = chunkMessages(messages, 1000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(1000);
    expect(chunks.flatMap(parseLiveMessages)).toEqual(messages);
  });

  it('drops malformed bus payloads', () => {
    expect(parseLiveMessages('not json')).toEqual([]);
    expect(parseLiveMessages('{"event":"x"}')).toEqual([]);
    expect(parseLiveMessages('[{"event":"a","eventId":"b","id":3},{"event":"a","eventId":"b","id":"c"}]')).toEqual([
      { event: 'a', eventId: 'b', id: 'c' },
    ]);
  });
});
