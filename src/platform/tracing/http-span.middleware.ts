import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { currentRequestId } from '../logging/request-context';
import { tracer } from './tracing';

/**
 * The server span of every HTTP request (continuing the caller's `traceparent`, if any), active while
 * the request is handled, so GraphQL, SQL, Redis and outbox spans are its children. Named by method and
 * route once the route is known (`POST /api/bank/v1/statements`, `POST /graphql`), with the request id as
 * an attribute to go from a log line to its trace. With tracing off the span is the API's no-op.
 */
export function httpSpanMiddleware(req: Request, res: Response, next: NextFunction): void {
  const parent = propagation.extract(context.active(), req.headers);
  const path = req.path; // as received: a sub-application mounted on a path (Apollo on /graphql) rewrites it
  const span = tracer.startSpan(
    `${req.method} ${path}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'url.path': path, 'sj.request_id': currentRequestId() ?? '' },
    },
    parent,
  );
  if (!span.isRecording()) return next();
  res.on('finish', () => {
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const route = routePath ? `${req.baseUrl}${routePath}` : path === '/graphql' ? '/graphql' : undefined;
    if (route) {
      span.setAttribute('http.route', route);
      span.updateName(`${req.method} ${route}`);
    }
    const operation = (req.body as { operationName?: unknown } | undefined)?.operationName;
    if (route === '/graphql' && typeof operation === 'string') span.setAttribute('graphql.operation.name', operation);
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  res.on('close', () => {
    if (!res.writableFinished) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the answer was sent' });
      span.end();
    }
  });
  context.with(trace.setSpan(parent, span), next);
}
