import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { MetricsService } from '../metrics/metrics.service';

/** Times every request: one access-log line and one observation in the latency histogram by route. */
export function accessLogMiddleware(metrics: MetricsService, logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routePath = (req.route as { path?: string } | undefined)?.path;
      const route = routePath ? `${req.baseUrl}${routePath}` : req.path === '/graphql' ? '/graphql' : 'unmatched';
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      if (route !== '/metrics' && !route.startsWith('/health')) {
        logger.info(
          { requestId: res.getHeader('x-request-id'), method: req.method, url: req.originalUrl, route, status: res.statusCode, ms: Math.round(seconds * 1000) },
          'request',
        );
      }
    });
    next();
  };
}
