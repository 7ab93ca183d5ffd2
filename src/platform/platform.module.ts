import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, Runtime } from '../config/app-config';
import { Clock, SystemClock } from './clock/clock';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsServer } from './metrics/metrics-server';
import { MetricsService } from './metrics/metrics.service';
import { QueueFactory } from './queue/queue-factory';
import { EventsModule } from './events/events.module';
import { LiveModule } from './live/live.module';
import { NodeResolver } from './graphql/node.resolver';
import { configureCursorKey } from './graphql/pagination';
import { RUNTIME } from './runtime.token';

export { RUNTIME } from './runtime.token';

@Injectable()
class QueueShutdown implements OnApplicationShutdown {
  constructor(@Inject(QueueFactory) private readonly queues: QueueFactory) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}

/** Cross-cutting infrastructure every module may inject: config, clock, database, queues, metrics. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(runtime: Runtime): DynamicModule {
    const { config } = runtime;
    configureCursorKey(config.security.encryptionKey);
    return {
      module: PlatformModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(runtime.databaseUrl, config.database.poolSize),
          manualInitialization: runtime.offline ?? false,
        }),
        EventsModule,
        LiveModule,
      ],
      // /metrics on the API port only with METRICS_TOKEN; otherwise on the metrics port (MetricsServer) alone.
      controllers: [HealthController, ...(config.metrics.token ? [MetricsController] : [])],
      providers: [
        { provide: RUNTIME, useValue: runtime },
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        MetricsService,
        MetricsServer,
        {
          provide: QueueFactory,
          useValue: new QueueFactory({
            redisUrl: config.queue.redisUrl,
            databaseUrl: runtime.databaseUrl,
            prefix: config.queue.prefix,
          }),
        },
        QueueShutdown,
        NodeResolver,
      ],
      exports: [RUNTIME, APP_CONFIG, Clock, MetricsService, MetricsServer, QueueFactory],
    };
  }
}
