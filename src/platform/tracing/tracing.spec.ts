import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { currentRequestId, runInRequestContext } from '../logging/request-context';
import { contextFromCarrier, currentTraceCarrier, inSpan, linksTo } from './tracing';

describe('tracing helpers', () => {
  describe('with tracing off (no provider registered)', () => {
    it('carries no trace context and still runs the work', async () => {
      expect(currentTraceCarrier()).toBeNull();
      expect(await inSpan('work', {}, async (span) => (span.isRecording() ? 'recorded' : 'ran'))).toBe('ran');
      expect(linksTo([null, { traceparent: 'garbage' }])).toEqual([]);
    });
  });

  describe('with a provider', () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    beforeAll(() => provider.register());
    afterAll(async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    });

    it('gives the active span as a W3C traceparent and continues it from one', async () => {
      let carrier: ReturnType<typeof currentTraceCarrier> = null;
      let parentSpanId = '';
      await inSpan('publish', {}, async (span) => {
        carrier = currentTraceCarrier();
        parentSpanId = span.spanContext().spanId;
      });
      expect(carrier!.traceparent).toMatch(new RegExp(`^00-[0-9a-f]{32}-${parentSpanId}-01$`));
      await inSpan('deliver', {}, async () => undefined, contextFromCarrier(carrier));
      const [publish, deliver] = exporter.getFinishedSpans();
      expect(deliver!.spanContext().traceId).toBe(publish!.spanContext().traceId);
      expect(deliver!.parentSpanContext?.spanId).toBe(parentSpanId);
      expect(linksTo([carrier])).toEqual([{ context: expect.objectContaining({ spanId: parentSpanId }) }]);
    });

    it('records a thrown error on the span and rethrows it', async () => {
      exporter.reset();
      await expect(inSpan('fails', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      const [span] = exporter.getFinishedSpans();
      expect(span!.status).toMatchObject({ code: 2, message: 'boom' });
      expect(span!.events[0]!.name).toBe('exception');
    });
  });
});

describe('runInRequestContext', () => {
  it('runs work under the request id of the change that caused it, or under none', () => {
    expect(runInRequestContext('req-12345678', () => currentRequestId())).toBe('req-12345678');
    expect(
      runInRequestContext('req-12345678', () => runInRequestContext(null, () => currentRequestId())),
    ).toBeUndefined();
  });
});
