import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import * as path from 'node:path';
import { Spawned, spawnProcess } from '../support/processes';
import { deleteQueueKeys } from '../support/test-app';
import { createTestDatabase, dropDatabase, freePort, uniqueName, waitFor } from '../support/test-env';

const MAIN = path.resolve('dist/src/main.js');

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
interface ExportedSpan extends OtlpSpan {
  scope: string;
}

/**
 * The built service as it runs (`node dist/src/main.js`, src/tracing.ts loaded first): /metrics on the
 * metrics port and not on the API port, and, with an OTLP endpoint configured, spans exported over OTLP/HTTP
 * to a collector (here a small HTTP server keeping what it is sent), with the instrumentation of
 * PostgreSQL and GraphQL under the service's own HTTP span.
 */
describe('observability in the built service (metrics port, OTLP export)', () => {
  let db: { name: string; url: string };
  let collector: Server;
  let service: Spawned;
  let api: string;
  let metrics: string;
  const prefix = uniqueName('sjobs');
  const spans: ExportedSpan[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm test runs the build)`);
    db = await createTestDatabase();
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces' && /json/.test(req.headers['content-type'] ?? '')) {
          const parsed = JSON.parse(body) as {
            resourceSpans?: { scopeSpans?: { scope?: { name: string }; spans?: OtlpSpan[] }[] }[];
          };
          for (const rs of parsed.resourceSpans ?? [])
            for (const ss of rs.scopeSpans ?? [])
              for (const s of ss.spans ?? []) spans.push({ ...s, scope: ss.scope?.name ?? '' });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const collectorPort = await freePort();
    await new Promise<void>((resolve) => collector.listen(collectorPort, '127.0.0.1', resolve));
    const [apiPort, metricsPort] = [await freePort(), await freePort()];
    api = `http://127.0.0.1:${apiPort}`;
    metrics = `http://127.0.0.1:${metricsPort}`;
    service = spawnProcess(process.execPath, [MAIN], {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      APP_ROLE: 'all',
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      PORT: String(apiPort),
      METRICS_PORT: String(metricsPort),
      METRICS_HOST: '127.0.0.1',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collectorPort}`,
      OTEL_SERVICE_NAME: 'shuangjian-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    await waitFor(
      async () => {
        if (service.child.exitCode !== null) throw new Error(`service exited: ${service.output()}`);
        return (await fetch(`${api}/health/ready`).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 90000, intervalMs: 250, what: 'the service to be ready' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- service output ---\n${service.output()}`);
    });
  });

  afterAll(async () => {
    await service?.stop();
    await new Promise((resolve) => collector?.close(resolve));
    await deleteQueueKeys(prefix);
    if (db) await dropDatabase(db.name);
  });

  it('serves /metrics on the metrics port only', async () => {
    expect((await fetch(`${api}/metrics`)).status).toBe(404);
    const res = await fetch(`${metrics}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^sj_outbox_backlog \d+$/m);
    expect(text).toMatch(/^sj_escrow_alerts_open\{type="SHORTFALL"\} \d+$/m);
    expect(service.output()).toMatch(/metrics on http:\/\/127\.0\.0\.1:\d+\/metrics/);
  });

  it('exports the spans of a GraphQL request, with its SQL and GraphQL execution, as one trace', async () => {
    const res = await fetch(`${api}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'otlp-test-request-1' },
      body: JSON.stringify({ query: 'query Townships { townships { code } }', operationName: 'Townships' }),
    });
    expect(res.status).toBe(200);
    const attr = (s: OtlpSpan, key: string) => s.attributes?.find((a) => a.key === key)?.value;
    const server = await waitFor(
      async () =>
        spans.find(
          (s) => s.name === 'POST /graphql' && attr(s, 'sj.request_id')?.stringValue === 'otlp-test-request-1',
        ),
      {
        what: 'the HTTP span to be exported',
        timeoutMs: 20000,
      },
    );
    expect(server.scope).toBe('shuangjian');
    expect(attr(server, 'graphql.operation.name')).toEqual({ stringValue: 'Townships' });
    const trace = await waitFor(
      async () => {
        const mine = spans.filter((s) => s.traceId === server.traceId);
        const scopes = new Set(mine.map((s) => s.scope));
        return scopes.has('@opentelemetry/instrumentation-pg') && scopes.has('@opentelemetry/instrumentation-graphql')
          ? mine
          : undefined;
      },
      { what: "PostgreSQL and GraphQL spans in the request's trace", timeoutMs: 20000 },
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: got ${JSON.stringify(spans.filter((s) => s.traceId === server.traceId).map((s) => [s.scope, s.name]))}`,
      );
    });
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    // Every span of the trace descends from the HTTP span.
    for (const s of trace) {
      let at: OtlpSpan | undefined = s;
      while (at?.parentSpanId && at.spanId !== server.spanId) at = byId.get(at.parentSpanId);
      expect(at?.spanId).toBe(server.spanId);
    }
  });
});
