import {
  Context,
  Link,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';

/**
 * Spans the service makes itself (HTTP requests, outbox publish, relay, subscriber deliveries). Until a
 * tracer provider is registered (src/tracing.ts, only when tracing is on) these are the API's no-ops.
 */
export const tracer = trace.getTracer('shuangjian');

export { SpanKind };

/** The W3C trace context an event carries through the outbox and the queue. */
export interface TraceCarrier {
  traceparent: string;
  tracestate?: string;
}

/** The trace context of the active span, or null when tracing is off or nothing is being recorded. */
export function currentTraceCarrier(): TraceCarrier | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  if (!carrier.traceparent) return null;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/** The context to continue a trace in; the root context when the carrier is empty. */
export function contextFromCarrier(carrier: Partial<TraceCarrier> | null | undefined): Context {
  if (!carrier?.traceparent) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** Runs `fn` inside a new active span (a child of `parent`, default: the active context) and ends it. */
/** Links to the spans that published events (a relay batch carries events of many traces). */
export function linksTo(carriers: (Partial<TraceCarrier> | null | undefined)[]): Link[] {
  const links: Link[] = [];
  for (const carrier of carriers) {
    const span = carrier?.traceparent ? trace.getSpanContext(contextFromCarrier(carrier)) : undefined;
    if (span) links.push({ context: span });
  }
  return links;
}

export async function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Record<string, string | number | boolean>; links?: Link[] },
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
