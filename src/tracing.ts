import { ConfigError } from './config/env';
import { loadTracingConfig } from './config/app-config';

/**
 * Loaded first by main.ts and worker.ts: when tracing is on (OTEL_ENABLED, or OTEL_EXPORTER_OTLP_ENDPOINT
 * set) it starts the OpenTelemetry SDK before pg, ioredis and graphql are required, so their
 * instrumentation can patch them. When off, the SDK is not even loaded: spans are the API's no-ops.
 */
let stop: () => Promise<void> = async () => undefined;

try {
  const config = loadTracingConfig(process.env);
  if (config.enabled) {
    // Required lazily so a service without tracing never loads the SDK or its instrumentations.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startTracingSdk } = require('./platform/tracing/sdk') as typeof import('./platform/tracing/sdk');
    stop = startTracingSdk(config);
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(78); // EX_CONFIG, as the service's own configuration check
}

/** Flushes the spans not yet exported and stops tracing (called on shutdown). */
export function stopTracing(): Promise<void> {
  return stop();
}
