import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../logging/request-context';
import { MetricsService } from '../metrics/metrics.service';

/**
 * Times every request: one access-log line, one observation in the latency histogram by route, and the
 * number of SQL statements the request sent (in the log line and a histogram by route). The line has the
 * path without its query string: a query string can carry an access token or personal data.
 */
export function accessLogMiddleware(metrics: MetricsService, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    const context = requestContext.getStore();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routePath = (req.route as { path?: string } | undefined)?.path;
      const path = pathOf(req.originalUrl);
      const route = routePath ? `${req.baseUrl}${routePath}` : path === '/graphql' ? '/graphql' : 'unmatched';
      const queries = context?.queries ?? 0;
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      metrics.httpQueries.observe({ route }, queries);
      if (route !== '/metrics' && !route.startsWith('/health')) {
        logger.info(
          {
            requestId: res.getHeader('x-request-id'),
            method: req.method,
            path,
            route,
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
            queries,
          },
          'request',
        );
      }
    });
    next();
  };
}

/** A request target without its query string (and fragment). */
export function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
