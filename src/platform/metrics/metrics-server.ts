import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { MetricsService } from './metrics.service';

/**
 * The metrics port: a plain HTTP listener, apart from the API port, that serves `GET /metrics` and
 * nothing else. Prometheus reaches it on the private network; it is never published to the public one.
 * Started by the service after the API port listens (both roles: the worker's metrics are here too).
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Listens on METRICS_HOST:METRICS_PORT unless METRICS_PORT is 0. A port already taken is logged, not
   * fatal: the service itself keeps running without its metrics listener.
   */
  async start(): Promise<AddressInfo | undefined> {
    const { port, host } = this.config.metrics;
    if (port === 0) return undefined;
    try {
      const address = await this.listen(port, host);
      this.logger.log({
        port: address.port,
        host: address.address,
        msg: `metrics on http://${host}:${address.port}/metrics`,
      });
      return address;
    } catch (error) {
      this.logger.error(
        `cannot serve metrics on ${host}:${port} (${(error as Error).message}); set METRICS_PORT to a free port`,
      );
      return undefined;
    }
  }

  /** Listens on a given port (0: any free one); returns the bound address. */
  async listen(port: number, host: string): Promise<AddressInfo> {
    if (this.server) return this.server.address() as AddressInfo;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found: this port serves /metrics only\n');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method Not Allowed\n');
        return;
      }
      this.metrics.registry
        .metrics()
        .then((body) =>
          res
            .writeHead(200, { 'content-type': this.metrics.registry.contentType, 'cache-control': 'no-store' })
            .end(req.method === 'HEAD' ? undefined : body),
        )
        .catch((error: Error) => {
          this.logger.error(`metrics collection failed: ${error.message}`);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n');
        });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
