import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { MetricsService } from '../metrics/metrics.service';
import { accessLogMiddleware, pathOf } from './access-log.middleware';

/** Runs the middleware over one request and returns what it logged. */
function serve(req: Partial<Request>): { logged: Record<string, unknown>[]; routes: unknown[] } {
  const logged: Record<string, unknown>[] = [];
  const routes: unknown[] = [];
  const metrics = {
    httpDuration: { observe: (labels: { route: string }) => routes.push(labels.route) },
    httpQueries: { observe: () => undefined },
  } as unknown as MetricsService;
  const logger = { info: (line: Record<string, unknown>) => logged.push(line) } as unknown as Logger;
  const res = Object.assign(new EventEmitter(), { statusCode: 200, getHeader: () => 'req-1' });
  const next = jest.fn() as NextFunction;
  accessLogMiddleware(metrics, logger)(
    { method: 'GET', baseUrl: '', ...req } as Request,
    res as unknown as Response,
    next,
  );
  expect(next).toHaveBeenCalledTimes(1);
  res.emit('finish');
  return { logged, routes };
}

describe('access log', () => {
  it('logs the path without its query string, where tokens and personal data can travel', () => {
    const { logged } = serve({
      originalUrl: '/api/bank/v1/accounts?access_token=tok-SECRET-123&idNumber=110101199003077777',
      baseUrl: '/api/bank/v1',
      route: { path: '/accounts' },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      requestId: 'req-1',
      method: 'GET',
      path: '/api/bank/v1/accounts',
      route: '/api/bank/v1/accounts',
      status: 200,
    });
    expect(logged[0]).not.toHaveProperty('url');
    const line = JSON.stringify(logged[0]);
    expect(line).not.toContain('tok-SECRET-123');
    expect(line).not.toContain('110101199003077777');
    expect(line).not.toContain('?');
  });

  it('names GraphQL requests /graphql whatever their query string, and others without a route "unmatched"', () => {
    const graphql = serve({ originalUrl: '/graphql?query=%7Bme%7D&token=abc' });
    expect(graphql.routes).toEqual(['/graphql']);
    expect(graphql.logged[0]).toMatchObject({ path: '/graphql', route: '/graphql' });
    const unknown = serve({ originalUrl: '/nowhere?email=someone@example.org' });
    expect(unknown.routes).toEqual(['unmatched']);
    expect(unknown.logged[0]).toMatchObject({ path: '/nowhere', route: 'unmatched' });
    expect(JSON.stringify(unknown.logged[0])).not.toContain('example.org');
  });

  it('does not log the metrics and health probes', () => {
    expect(serve({ originalUrl: '/metrics', route: { path: '/metrics' } }).logged).toEqual([]);
    expect(serve({ originalUrl: '/health/ready?x=1', route: { path: '/health/ready' } }).logged).toEqual([]);
  });

  it('pathOf cuts at the query string or fragment', () => {
    expect(pathOf('/a/b?c=d')).toBe('/a/b');
    expect(pathOf('/a/b#frag')).toBe('/a/b');
    expect(pathOf('/a/b')).toBe('/a/b');
    expect(pathOf('/?x')).toBe('/');
  });
});
