import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { PinoNestLogger, createRootLogger } from '../../src/platform/logging/logger';
import { openAccount } from '../factories/escrow.factory';
import { TestApp, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

/**
 * One event chain as one trace: a bank posts a statement (HTTP span) that raises a SHORTFALL alert (outbox
 * publish span), supervision's subscriber opens the follow-up task (consumer span, which publishes
 * supervision.task.created in turn) and the notification subscriber tells the lead department. Spans are
 * kept by an in-memory exporter, as the OTLP exporter would send them. The request id of the bank's
 * request reaches the subscribers' log lines, the audit row of the task and the next hop's outbox row.
 */
describe('observability: a bank post → alert → task chain is one trace and keeps its request id', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const logs: Record<string, unknown>[] = [];
  let t: TestApp;
  const clock = new FixedClock('2026-11-29T03:00:00Z');

  beforeAll(async () => {
    provider.register(); // W3C propagator and AsyncLocalStorage context manager, as src/tracing.ts does
    t = await startTestApp({ clock });
    // Log lines at debug, captured as the service writes them (pino JSON with the request-id mixin).
    t.app.useLogger(
      new PinoNestLogger(
        createRootLogger('debug', {
          write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
        }),
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
    await provider.shutdown();
  });

  it('shares one trace id between the HTTP span, the outbox publish and the subscribers, and one request id', async () => {
    const admin = await t.loginAs(Role.COUNTY_ADMIN);
    const bank = await t.registerBank();
    const account = await openAccount(t, admin.token, bank.bankCode);
    // A term fee on deposit: the statement below then shows less than the custody it requires (SHORTFALL).
    await t
      .bankRequest(
        'POST',
        '/api/bank/v1/transactions',
        {
          transactions: [
            {
              accountNo: account.accountNo,
              txnId: 'T-TRACE-1',
              bookedAt: '2026-11-28T10:15:00+08:00',
              type: 'DEPOSIT',
              amount: '3000.00',
              currency: 'CNY',
              payerRef: 'p***1',
              lessonHours: 20,
              coverageMonths: 1,
              reversalOf: null,
              memo: 'term fee',
            },
          ],
        },
        bank,
      )
      .expect(200);
    await t.settle();
    exporter.reset();
    logs.length = 0;

    const requestId = `bank-post-${Date.now()}`;
    const res = await t
      .bankRequest(
        'POST',
        '/api/bank/v1/statements',
        {
          statements: [
            {
              accountNo: account.accountNo,
              statementDate: '2026-11-28',
              openingBalance: '0.00',
              closingBalance: '1000.00',
              currency: 'CNY',
              revision: 0,
            },
          ],
        },
        bank,
        {
          headers: { 'X-Request-Id': requestId },
        },
      )
      .expect(200);
    expect(res.headers['x-request-id']).toBe(requestId);
    const [alert] = (await t.dataSource.query(
      `SELECT id FROM escrow_alert WHERE account_id = $1 AND type = 'SHORTFALL'`,
      [account.id],
    )) as { id: string }[];
    expect(alert).toBeDefined();
    const task = await waitFor(
      async () =>
        (
          (await t.dataSource.query(`SELECT id FROM supervision_task WHERE source_ref = $1`, [
            `escrow_alert:${alert!.id}`,
          ])) as { id: string }[]
        )[0],
      {
        what: 'the follow-up task',
      },
    );
    await t.settle();

    const spans = exporter.getFinishedSpans();
    const named = (pattern: RegExp) => spans.filter((s) => pattern.test(s.name));
    const [http] = named(/^POST \/api\/bank\/v1\/statements$/);
    expect(http).toBeDefined();
    expect(http!.kind).toBe(SpanKind.SERVER);
    expect(http!.attributes['http.route']).toBe('/api/bank/v1/statements');
    expect(http!.attributes['http.response.status_code']).toBe(200);
    expect(http!.attributes['sj.request_id']).toBe(requestId);
    const traceId = http!.spanContext().traceId;

    // The alert's outbox publish is a child of the HTTP span.
    const publish = named(/^outbox publish .*escrow\.alert\.raised/).find((s) => s.spanContext().traceId === traceId);
    expect(publish).toBeDefined();
    expect(parentOf(publish!)).toBe(http!.spanContext().spanId);
    // The stored row carries the publish span's context.
    const [row] = (await t.dataSource.query(
      `SELECT request_id, context FROM outbox WHERE name = 'escrow.alert.raised' AND payload->>'alertId' = $1`,
      [alert!.id],
    )) as {
      request_id: string;
      context: { traceparent: string };
    }[];
    expect(row).toMatchObject({ request_id: requestId });
    expect(row!.context.traceparent).toBe(`00-${traceId}-${publish!.spanContext().spanId}-01`);

    // The subscriber that opened the task ran in a consumer span, a child of the publish span.
    const consumer = named(/^event escrow\.alert\.raised → supervision\.open-escrow-alert-task$/).find(
      (s) => s.spanContext().traceId === traceId,
    );
    expect(consumer).toBeDefined();
    expect(consumer!.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(consumer!)).toBe(publish!.spanContext().spanId);
    // … and the next hop continues the same trace: the subscriber's own events (task created, the lead
    // department notified) are published under its span, and the outbound delivery runs under theirs.
    const nextPublish = named(/^outbox publish .*supervision\.task\.created/).find(
      (s) => parentOf(s) === consumer!.spanContext().spanId,
    );
    expect(nextPublish?.spanContext().traceId).toBe(traceId);
    const outbound = named(/^event notifications\.notification\.created → notifications\.deliver-outbound$/).filter(
      (s) => s.spanContext().traceId === traceId,
    );
    expect(outbound.length).toBeGreaterThan(0);
    const publishedBySubscriber = new Set(
      named(/^outbox publish /)
        .filter((s) => parentOf(s) === consumer!.spanContext().spanId)
        .map((s) => s.spanContext().spanId),
    );
    expect(outbound.some((s) => publishedBySubscriber.has(parentOf(s) ?? ''))).toBe(true);
    // The relay's batch span links to the publishing span.
    const relay = named(/^outbox relay$/).find((s) =>
      s.links.some((l) => l.context.spanId === publish!.spanContext().spanId),
    );
    expect(relay).toBeDefined();

    // The request id of the bank's request, in the subscriber's log line, its audit row and its own event.
    const line = logs.find(
      (l) =>
        typeof l.msg === 'string' &&
        (l.msg as string).startsWith('supervision.open-escrow-alert-task handled escrow.alert.raised'),
    );
    expect(line).toMatchObject({ context: 'EventWorker', requestId });
    const [audit] = (await t.dataSource.query(
      `SELECT request_id FROM audit_log WHERE entity_type = 'supervision_task' AND entity_id = $1`,
      [task.id],
    )) as { request_id: string | null }[];
    expect(audit?.request_id).toBe(requestId);
    const [created] = (await t.dataSource.query(
      `SELECT request_id FROM outbox WHERE name = 'supervision.task.created' AND payload->>'taskId' = $1`,
      [task.id],
    )) as { request_id: string | null }[];
    expect(created?.request_id).toBe(requestId);
  });

  it("names the GraphQL request's span after the route and the operation", async () => {
    exporter.reset();
    await t
      .http()
      .post('/graphql')
      .set('Content-Type', 'application/json')
      .send({ query: 'query Townships { townships { code } }', operationName: 'Townships' })
      .expect(200);
    const [span] = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.SERVER);
    expect(span).toMatchObject({
      name: 'POST /graphql',
      attributes: expect.objectContaining({ 'http.route': '/graphql', 'graphql.operation.name': 'Townships' }),
    });
  });

  it("keeps a caller's trace: a traceparent sent with the request is the parent of the HTTP span", async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    await t.http().get('/health/live').set('traceparent', `00-${traceId}-00f067aa0ba902b7-01`).expect(200);
    const [span] = exporter.getFinishedSpans().filter((s) => s.name === 'GET /health/live');
    expect(span?.spanContext().traceId).toBe(traceId);
    expect(parentOf(span!)).toBe('00f067aa0ba902b7');
  });
});

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}
