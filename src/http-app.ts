import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { Runtime, runsApi } from './config/app-config';
import { PinoNestLogger } from './platform/logging/logger';
import { accessLogMiddleware } from './platform/http/access-log.middleware';
import { requestIdMiddleware } from './platform/http/request-id.middleware';
import { securityHeadersMiddleware } from './platform/http/security-headers.middleware';
import { httpSpanMiddleware } from './platform/tracing/http-span.middleware';
import { MetricsService } from './platform/metrics/metrics.service';

/**
 * Builds the HTTP application for a runtime, with everything the running service has: request ids,
 * access log and latency metrics, body limits (raw body kept for bank signatures), OpenAPI docs.
 * The caller decides whether to `listen` (the service) or `init` (tests).
 */
export async function createHttpApp(runtime: Runtime, logger: Logger): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    logger: new PinoNestLogger(logger),
    rawBody: true,
    bodyParser: false,
    abortOnError: false,
  });
  configureHttpApp(app, runtime, logger);
  return app;
}

export function configureHttpApp(app: NestExpressApplication, runtime: Runtime, logger: Logger): void {
  const { config } = runtime;
  app.disable('x-powered-by');
  // No conditional GETs in the bank contract and none from the front end: hashing every answer body is waste.
  app.disable('etag');
  // X-Forwarded-For is believed only from the proxies the operator lists (TRUSTED_PROXIES); by default
  // none, so a client cannot pick its own address for the per-address limits.
  app.set('trust proxy', config.http.trustedProxies.length > 0 ? config.http.trustedProxies : false);
  app.use(securityHeadersMiddleware({ hsts: config.http.hsts }));
  app.use(requestIdMiddleware);
  app.use(httpSpanMiddleware);
  app.use(accessLogMiddleware(app.get(MetricsService), logger));
  if (!runsApi(config.role)) {
    // A worker-only process serves its health and metrics, nothing else.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/health') || req.path === '/metrics') return next();
      res.status(404).type('application/problem+json').send(
        JSON.stringify({ type: '/problems/not-found', title: 'Not Found', status: 404, detail: 'This process runs the worker role only', code: 'NOT_FOUND' }),
      );
    });
  }
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  if (runsApi(config.role)) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('County Double Reduction supervision service (双减监管服务)')
        .setDescription('REST interfaces. The front end uses GraphQL at /graphql; banks use /api/bank/v1.')
        .setVersion('1')
        .build(),
    );
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  }
}
