import { loadConfig } from './app-config';
import { ConfigError } from './env';

describe('loadConfig', () => {
  it('runs on a fresh machine with nothing set: embedded database, PostgreSQL queues, role all', () => {
    const c = loadConfig({});
    expect(c.role).toBe('all');
    expect(c.http.port).toBe(3000);
    expect(c.database.url).toBeUndefined();
    expect(c.queue.redisUrl).toBeUndefined();
    expect(c.database.migrateOnStart).toBe(true);
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.security.encryptionKey).toHaveLength(32);
  });

  it('takes INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD together, with a policy-conform password', () => {
    expect(loadConfig({}).initialAdmin).toBeUndefined();
    expect(
      loadConfig({ INITIAL_ADMIN_USERNAME: 'chief', INITIAL_ADMIN_PASSWORD: 'a-long-passphrase' }).initialAdmin,
    ).toEqual({ username: 'chief', password: 'a-long-passphrase' });
    expect(() => loadConfig({ INITIAL_ADMIN_USERNAME: 'chief' })).toThrow(
      /INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD go together/,
    );
    expect(() => loadConfig({ INITIAL_ADMIN_PASSWORD: 'a-long-passphrase' })).toThrow(/go together/);
    expect(() => loadConfig({ INITIAL_ADMIN_USERNAME: 'chief', INITIAL_ADMIN_PASSWORD: 'short' })).toThrow(
      /INITIAL_ADMIN_PASSWORD must be 10–128 characters/,
    );
    expect(() => loadConfig({ INITIAL_ADMIN_USERNAME: 'chief-admin', INITIAL_ADMIN_PASSWORD: 'CHIEF-ADMIN' })).toThrow(
      /must not be the username/,
    );
  });

  it('reads the operators’ variables', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/x',
      REDIS_URL: 'redis://r:6379',
      PORT: '8080',
      APP_ROLE: 'worker',
      DB_MIGRATE_ON_START: 'false',
      NODE_ENV: 'test',
    });
    expect(c).toMatchObject({
      role: 'worker',
      nodeEnv: 'test',
      http: { port: 8080 },
      database: { url: 'postgres://u@db:5432/x', migrateOnStart: false },
      queue: { redisUrl: 'redis://r:6379' },
    });
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        APP_ROLE: 'boss',
        DATABASE_URL: 'mysql://x',
        DB_MIGRATE_ON_START: 'maybe',
        BUSINESS_TIMEZONE: 'Mars/Olympus',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      for (const name of ['PORT', 'APP_ROLE', 'DATABASE_URL', 'DB_MIGRATE_ON_START', 'BUSINESS_TIMEZONE'])
        expect(message).toContain(name);
    }
  });

  it('demands real keys in production and turns introspection off there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /PII_HASH_KEY is required[\s\S]*ENCRYPTION_KEY is required/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    const c = loadConfig({
      NODE_ENV: 'production',
      PII_HASH_KEY: 'k'.repeat(32),
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      JWT_SECRET: 'j'.repeat(48),
    });
    expect(c.graphql.introspection).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', PII_HASH_KEY: 'k', ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(
      /ENCRYPTION_KEY must be 32 bytes/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'too-short' })).toThrow(/JWT_SECRET must be at least 32 characters/);
  });

  it('reads the authentication and bank interface settings with the documented defaults', () => {
    const c = loadConfig({});
    expect(c.auth).toMatchObject({ jwtTtlSeconds: 900, loginMaxFailures: 5, loginLockSeconds: 900 });
    expect(c.bankApi).toEqual({
      ratePerSecond: 50,
      rateBurst: 100,
      timestampSkewSeconds: 300,
      idempotencyTtlHours: 168,
      idempotencyAbandonedSeconds: 300,
    });
    expect(loadConfig({ BANK_RATE_PER_SECOND: '0.5', JWT_TTL_SECONDS: '300' })).toMatchObject({
      bankApi: { ratePerSecond: 0.5 },
      auth: { jwtTtlSeconds: 300 },
    });
  });

  it('trusts no proxy and sends no HSTS by default; reads and checks TRUSTED_PROXIES and HTTP_HSTS', () => {
    expect(loadConfig({}).http).toMatchObject({ trustedProxies: [], hsts: false });
    expect(
      loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.7 ,loopback,::1', HTTP_HSTS: 'true' }).http,
    ).toMatchObject({
      trustedProxies: ['10.0.0.0/8', '192.168.1.7', 'loopback', '::1'],
      hsts: true,
    });
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33,everyone' })).toThrow(
      /TRUSTED_PROXIES .*10\.0\.0\.0\/33, everyone/,
    );
  });
});
