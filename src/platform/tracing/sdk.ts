import { diag, DiagConsoleLogger, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from '../../config/app-config';

/**
 * Starts the OpenTelemetry SDK: a tracer provider exporting over OTLP/HTTP in batches, W3C trace context
 * propagation, and instrumentation of PostgreSQL (pg), Redis (ioredis, so BullMQ's commands) and GraphQL
 * execution. SQL and Redis commands are traced inside a traced operation only (a request, a delivery, a
 * relay batch), so the relay's and BullMQ's idle polling make no traces. Incoming HTTP requests get their
 * span from the service's own middleware (src/platform/tracing/http-span.middleware.ts), not from
 * @opentelemetry/instrumentation-http: that one, told to leave incoming requests alone, suppresses tracing
 * for the whole request. Only loaded when tracing is on. Returns a function that flushes and stops it.
 */
export function startTracingSdk(config: TracingConfig): () => Promise<void> {
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.sampleRatio) }),
    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT / _HEADERS itself, as every OpenTelemetry SDK does.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    ],
  });
  return () => provider.shutdown();
}
