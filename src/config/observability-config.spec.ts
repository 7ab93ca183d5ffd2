import { loadConfig, loadTracingConfig } from './app-config';
import { ConfigError } from './env';

describe('observability configuration', () => {
  it('keeps tracing off and serves metrics on port 9464 with nothing set', () => {
    const c = loadConfig({});
    expect(c.tracing).toEqual({ enabled: false, endpoint: undefined, serviceName: 'shuangjian', sampleRatio: 1 });
    expect(c.metrics).toEqual({ port: 9464, host: '0.0.0.0', token: undefined, cacheMs: 5000 });
  });

  it('turns tracing on with an OTLP endpoint, unless OTEL_ENABLED=false says otherwise', () => {
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({
      enabled: true,
      endpoint: 'http://collector:4318',
    });
    expect(
      loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_ENABLED: 'false' }).enabled,
    ).toBe(false);
    expect(loadTracingConfig({ OTEL_ENABLED: 'true' })).toMatchObject({ enabled: true, endpoint: undefined });
  });

  it('names bad observability variables', () => {
    expect(() =>
      loadTracingConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317',
        OTEL_TRACES_SAMPLER_ARG: '2',
        OTEL_ENABLED: 'sometimes',
      }),
    ).toThrow(ConfigError);
    try {
      loadConfig({
        METRICS_PORT: '70000',
        METRICS_TOKEN: 'short',
        METRICS_CACHE_MS: '-1',
        OTEL_TRACES_SAMPLER_ARG: 'half',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      for (const name of ['METRICS_PORT', 'METRICS_TOKEN', 'METRICS_CACHE_MS', 'OTEL_TRACES_SAMPLER_ARG'])
        expect((error as Error).message).toContain(name);
    }
  });
});
