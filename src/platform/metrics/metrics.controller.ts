import { Controller, Get, Header, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Unauthenticated } from '../auth/auth.errors';
import { Public } from '../auth/decorators';
import { safeEqual } from '../crypto/crypto';
import { MetricsService } from './metrics.service';
import { text } from '../i18n/text';

/**
 * `/metrics` on the API port, registered only when METRICS_TOKEN is set and answering only requests that
 * bear it (`Authorization: Bearer <token>`). Without a token the API port has no /metrics at all: Prometheus
 * scrapes the metrics port (METRICS_PORT), which is never published to the public network.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const expected = this.config.metrics.token;
    const given = /^Bearer (.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
    if (!expected || !given || !safeEqual(given, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new Unauthenticated(
        'UNAUTHENTICATED',
        text('Metrics need the metrics bearer token', '读取监控指标需要提供指标访问令牌（Bearer）'),
      );
    }
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
