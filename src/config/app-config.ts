import { isIP } from 'node:net';
import * as path from 'node:path';
import { ConfigError, EnvReader } from './env';

export type AppRole = 'api' | 'worker' | 'all';
export const APP_ROLES: readonly AppRole[] = ['api', 'worker', 'all'];

export interface DatabaseConfig {
  /** Connection string from DATABASE_URL; undefined means "start the embedded PostgreSQL". */
  url: string | undefined;
  migrateOnStart: boolean;
  poolSize: number;
  embeddedDir: string;
  embeddedPort: number;
}

export interface QueueConfig {
  /** REDIS_URL; undefined means BullMQ runs on its PostgreSQL backend in the service's database. */
  redisUrl: string | undefined;
  prefix: string;
}

export interface HttpConfig {
  port: number;
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /**
   * Proxies (addresses, CIDR ranges or `loopback`/`linklocal`/`uniquelocal`) whose X-Forwarded-For the
   * service believes when it decides a client's address (per-address limits). Empty: none, the peer's
   * own address is the client.
   */
  trustedProxies: string[];
  /** Send Strict-Transport-Security: only where TLS terminates in front of the service. */
  hsts: boolean;
}

/** OpenTelemetry tracing: off unless OTEL_ENABLED is true or an OTLP endpoint is configured. */
export interface TracingConfig {
  enabled: boolean;
  /** OTEL_EXPORTER_OTLP_ENDPOINT (OTLP over HTTP; traces go to `<endpoint>/v1/traces`); unset: the exporter's default. */
  endpoint: string | undefined;
  serviceName: string;
  /** Share of new traces recorded (a request continuing a sampled trace is always recorded). */
  sampleRatio: number;
}

/** Where Prometheus scrapes: a port of its own by default, the API port only with a bearer token. */
export interface MetricsConfig {
  /** Port of the metrics-only listener; 0 turns it off. */
  port: number;
  host: string;
  /** When set, GET /metrics on the API port answers requests bearing this token (otherwise it is 404 there). */
  token: string | undefined;
  /** How long the database-backed gauges are reused between scrapes. */
  cacheMs: number;
}

export interface GraphqlConfig {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  /** Lexical tokens a document may have: a huge document is refused while it is parsed. */
  maxTokens: number;
  /** Field selections (and directives) an operation may have once its fragment spreads are expanded. */
  maxFields: number;
  /** Longest string any GraphQL argument may carry. */
  maxStringLength: number;
  /** Time a GraphQL request may spend executing; fields not started by then answer EXECUTION_BUDGET_EXCEEDED. */
  executionBudgetMs: number;
  introspection: boolean;
}

export interface SecurityConfig {
  /** Key for keyed hashes of personal identifiers (ID numbers), so they are searchable but not readable. */
  piiHashKey: string;
  /** 32-byte AES-256-GCM key (base64) for personal data and secrets encrypted at rest. */
  encryptionKey: Buffer;
}

export interface EventsConfig {
  maxAttempts: number;
  backoffMs: number;
  concurrency: number;
  lockMs: number;
  outboxBatchSize: number;
  outboxPollMs: number;
  outboxRetentionDays: number;
  /** How often a worker re-adds jobs the queue backend lost (Redis data loss) and restores lost schedulers. */
  outboxRedriveMs: number;
  queueTimeoutMs: number;
}

export interface AuthConfig {
  /** HMAC-SHA256 key of the access tokens (JWT). */
  jwtSecret: string;
  jwtTtlSeconds: number;
  /** Failed logins for one username before it is locked. */
  loginMaxFailures: number;
  /** Failed logins from one client address before it is locked. */
  loginAddressMaxFailures: number;
  /** Failed logins after which each further attempt must wait (1 s, 2 s, 4 s, …). */
  loginSlowAfter: number;
  loginLockSeconds: number;
  /** Failures older than this are forgotten. */
  loginFailureWindowSeconds: number;
}

export interface BankApiConfig {
  /** Token bucket per API key: sustained requests per second and burst size. */
  ratePerSecond: number;
  rateBurst: number;
  timestampSkewSeconds: number;
  idempotencyTtlHours: number;
  /** A request still IN_PROGRESS this long after it began is taken to have died with its process. */
  idempotencyAbandonedSeconds: number;
}

/** Institution registry (training-time and lead-clearance rules are county rules: modules/policy). */
export interface RegistryConfig {
  /** Complaint hotline shown on institution public profiles. */
  complaintHotline: string;
  /** Public institution search (searchInstitutionsPublic), per client address: this many searches per window. */
  publicSearchBurst: number;
  publicSearchWindowSeconds: number;
}

export interface ComplaintsConfig {
  /** Public submissions per client address: a bucket of `submitBurst` refilled over `submitWindowSeconds`. */
  submitBurst: number;
  submitWindowSeconds: number;
  /** Public status look-ups (complaintStatus) per client address: `statusBurst` per `statusWindowSeconds`. */
  statusBurst: number;
  statusWindowSeconds: number;
  /** Complaints about one institution and category within this many days link to the earliest open one. */
  duplicateWindowDays: number;
  /** How often the overdue sweep runs. */
  overdueSweepMinutes: number;
}

/** The policy store's per-replica cache of county rules (the rules themselves are data: modules/policy). */
export interface PolicyConfig {
  /** A replica reloads the rules when its copy is older than this (ms); the approving replica at once. */
  refreshMs: number;
}

export interface SupervisionConfig {
  /** How often the escalation sweep runs. */
  sweepMinutes: number;
  /** Rows the sweep claims per transaction. */
  sweepBatchSize: number;
}

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  role: AppRole;
  logLevel: string;
  timeZone: string;
  database: DatabaseConfig;
  queue: QueueConfig;
  http: HttpConfig;
  metrics: MetricsConfig;
  tracing: TracingConfig;
  graphql: GraphqlConfig;
  security: SecurityConfig;
  auth: AuthConfig;
  bankApi: BankApiConfig;
  events: EventsConfig;
  supervision: SupervisionConfig;
  complaints: ComplaintsConfig;
  registry: RegistryConfig;
  policy: PolicyConfig;
  seedReferenceOnStart: boolean;
  /** INITIAL_ADMIN_USERNAME + INITIAL_ADMIN_PASSWORD: the first county administrator, made at start while none exists. */
  initialAdmin: { username: string; password: string } | undefined;
}

/** Reads and validates the whole configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const r = new EnvReader(env);
  const nodeEnv = r.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const config: AppConfig = {
    nodeEnv,
    role: r.oneOf('APP_ROLE', APP_ROLES, 'all'),
    logLevel: r.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    timeZone: r.string('BUSINESS_TIMEZONE', 'Asia/Shanghai'),
    database: {
      url: r.url('DATABASE_URL', ['postgres:', 'postgresql:']),
      migrateOnStart: r.bool('DB_MIGRATE_ON_START', true),
      poolSize: r.int('DB_POOL_SIZE', 10, { min: 1, max: 200 }),
      embeddedDir: path.resolve(r.string('EMBEDDED_PG_DIR', './.data/pg')),
      embeddedPort: r.int('EMBEDDED_PG_PORT', 54329, { min: 1024, max: 65535 }),
    },
    queue: {
      redisUrl: r.url('REDIS_URL', ['redis:', 'rediss:']),
      prefix: r.string('QUEUE_PREFIX', 'sj'),
    },
    http: {
      port: r.int('PORT', 3000, { min: 0, max: 65535 }),
      bodyLimitBytes: r.int('HTTP_BODY_LIMIT_BYTES', 2 * 1024 * 1024, { min: 1024 }),
      shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 15000, { min: 0 }),
      trustedProxies: proxyList(r.string('TRUSTED_PROXIES', '')),
      hsts: r.bool('HTTP_HSTS', false),
    },
    metrics: {
      port: r.int('METRICS_PORT', 9464, { min: 0, max: 65535 }),
      host: r.string('METRICS_HOST', '0.0.0.0'),
      token: readMetricsToken(r),
      cacheMs: r.int('METRICS_CACHE_MS', 5000, { min: 0, max: 300_000 }),
    },
    tracing: readTracingConfig(r),
    graphql: {
      maxDepth: r.int('GRAPHQL_MAX_DEPTH', 10, { min: 2, max: 100 }),
      maxComplexity: r.int('GRAPHQL_MAX_COMPLEXITY', 2000, { min: 10 }),
      maxAliases: r.int('GRAPHQL_MAX_ALIASES', 30, { min: 1 }),
      maxTokens: r.int('GRAPHQL_MAX_TOKENS', 5000, { min: 100 }),
      maxFields: r.int('GRAPHQL_MAX_FIELDS', 2000, { min: 10 }),
      maxStringLength: r.int('GRAPHQL_MAX_STRING_LENGTH', 10000, { min: 100, max: 1_000_000 }),
      executionBudgetMs: r.int('GRAPHQL_EXECUTION_BUDGET_MS', 3000, { min: 10, max: 60000 }),
      introspection: r.bool('GRAPHQL_INTROSPECTION', !production),
    },
    security: {
      piiHashKey: production ? r.requiredString('PII_HASH_KEY') : r.string('PII_HASH_KEY', DEV_PII_HASH_KEY),
      encryptionKey: readKey(r, production),
    },
    seedReferenceOnStart: r.bool('DB_SEED_REFERENCE_ON_START', true),
    initialAdmin: initialAdmin(r),
    auth: {
      jwtSecret: production ? r.requiredString('JWT_SECRET') : r.string('JWT_SECRET', DEV_JWT_SECRET),
      jwtTtlSeconds: r.int('JWT_TTL_SECONDS', 900, { min: 60, max: 86_400 }),
      loginMaxFailures: r.int('LOGIN_MAX_FAILURES', 5, { min: 1, max: 100 }),
      loginAddressMaxFailures: r.int('LOGIN_ADDRESS_MAX_FAILURES', 20, { min: 1, max: 10_000 }),
      loginSlowAfter: r.int('LOGIN_SLOW_AFTER', 3, { min: 1, max: 100 }),
      loginLockSeconds: r.int('LOGIN_LOCK_SECONDS', 900, { min: 1 }),
      loginFailureWindowSeconds: r.int('LOGIN_FAILURE_WINDOW_SECONDS', 3600, { min: 1 }),
    },
    bankApi: {
      ratePerSecond: r.number('BANK_RATE_PER_SECOND', 50, { min: 0.001 }),
      rateBurst: r.int('BANK_RATE_BURST', 100, { min: 1 }),
      timestampSkewSeconds: r.int('BANK_TIMESTAMP_SKEW_SECONDS', 300, { min: 1, max: 3600 }),
      idempotencyTtlHours: r.int('IDEMPOTENCY_TTL_HOURS', 168, { min: 1 }),
      idempotencyAbandonedSeconds: r.int('IDEMPOTENCY_ABANDONED_AFTER_SECONDS', 300, { min: 1, max: 86_400 }),
    },
    events: {
      maxAttempts: r.int('EVENT_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      backoffMs: r.int('EVENT_BACKOFF_MS', 1000, { min: 1 }),
      concurrency: r.int('EVENT_CONCURRENCY', 8, { min: 1, max: 256 }),
      lockMs: r.int('EVENT_LOCK_MS', 30000, { min: 100 }),
      outboxBatchSize: r.int('OUTBOX_BATCH_SIZE', 500, { min: 1, max: 10000 }),
      outboxPollMs: r.int('OUTBOX_POLL_MS', 1000, { min: 10 }),
      outboxRetentionDays: r.int('OUTBOX_RETENTION_DAYS', 7, { min: 1 }),
      outboxRedriveMs: r.int('OUTBOX_REDRIVE_MS', 60000, { min: 100 }),
      queueTimeoutMs: r.int('QUEUE_TIMEOUT_MS', 5000, { min: 100 }),
    },
    policy: {
      refreshMs: r.int('POLICY_REFRESH_MS', 5000, { min: 10, max: 3_600_000 }),
    },
    registry: {
      complaintHotline: r.string('REGISTRY_COMPLAINT_HOTLINE', '12345'),
      publicSearchBurst: r.int('REGISTRY_PUBLIC_SEARCH_BURST', 30, { min: 1 }),
      publicSearchWindowSeconds: r.int('REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS', 60, { min: 1 }),
    },
    complaints: {
      submitBurst: r.int('COMPLAINT_SUBMIT_BURST', 5, { min: 1, max: 10_000 }),
      submitWindowSeconds: r.int('COMPLAINT_SUBMIT_WINDOW_SECONDS', 600, { min: 1 }),
      statusBurst: r.int('COMPLAINT_STATUS_BURST', 30, { min: 1, max: 10_000 }),
      statusWindowSeconds: r.int('COMPLAINT_STATUS_WINDOW_SECONDS', 60, { min: 1 }),
      duplicateWindowDays: r.int('COMPLAINT_DUPLICATE_WINDOW_DAYS', 30, { min: 0, max: 3650 }),
      overdueSweepMinutes: r.int('COMPLAINT_OVERDUE_SWEEP_MINUTES', 15, { min: 1, max: 1440 }),
    },
    supervision: {
      sweepMinutes: r.int('SUPERVISION_SWEEP_MINUTES', 15, { min: 1, max: 1440 }),
      sweepBatchSize: r.int('SUPERVISION_SWEEP_BATCH_SIZE', 500, { min: 1, max: 10000 }),
    },
  };
  if (production && config.auth.jwtSecret === DEV_JWT_SECRET) r.problems.push('JWT_SECRET must not be the development default in production');
  if (config.auth.jwtSecret && config.auth.jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters (openssl rand -base64 48)');
  if (production && config.security.piiHashKey === DEV_PII_HASH_KEY) r.problems.push('PII_HASH_KEY must not be the development default in production');
  if (!isValidTimeZone(config.timeZone)) r.problems.push(`BUSINESS_TIMEZONE is not a known IANA time zone: "${config.timeZone}"`);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(config.queue.prefix)) r.problems.push('QUEUE_PREFIX must be 1-40 characters [A-Za-z0-9_-]');
  const badProxies = config.http.trustedProxies.filter((p) => !isProxySpec(p));
  if (badProxies.length > 0) r.problems.push(`TRUSTED_PROXIES must list IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal: not ${badProxies.join(', ')}`);
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

/** Development defaults: safe only because they protect nothing real; production must set its own. */
const DEV_PII_HASH_KEY = 'dev-only-pii-hash-key-do-not-use-in-production';
const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production';
const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM='; // "dev-only-encryption-key-32-bytes"

function readKey(r: EnvReader, production: boolean): Buffer {
  const value = production ? r.requiredString('ENCRYPTION_KEY') : r.string('ENCRYPTION_KEY', DEV_ENCRYPTION_KEY);
  if (production && value === DEV_ENCRYPTION_KEY) r.problems.push('ENCRYPTION_KEY must not be the development default in production');
  const key = Buffer.from(value, 'base64');
  if (value && key.length !== 32) r.problems.push('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
}

function proxyList(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** An address, a CIDR range (address/prefix) or one of Express's names for a range. */
export function isProxySpec(value: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [address, prefix, extra] = value.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function readMetricsToken(r: EnvReader): string | undefined {
  const token = r.optionalString('METRICS_TOKEN');
  if (token !== undefined && token.length < 16) r.problems.push('METRICS_TOKEN must be at least 16 characters');
  return token;
}

function readTracingConfig(r: EnvReader): TracingConfig {
  const endpoint = r.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']);
  return {
    enabled: r.bool('OTEL_ENABLED', endpoint !== undefined),
    endpoint,
    serviceName: r.string('OTEL_SERVICE_NAME', 'shuangjian'),
    sampleRatio: r.number('OTEL_TRACES_SAMPLER_ARG', 1, { min: 0, max: 1 }),
  };
}

/**
 * The tracing part of the configuration alone, for src/tracing.ts, which runs before anything else is
 * loaded (instrumentation must patch pg, ioredis and graphql before they are required).
 */
export function loadTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const r = new EnvReader(env);
  const tracing = readTracingConfig(r);
  if (r.problems.length) throw new ConfigError(r.problems);
  return tracing;
}

/** Both or neither; the password meets the service's policy (10–128 characters, not the username). */
function initialAdmin(r: EnvReader): { username: string; password: string } | undefined {
  const username = r.optionalString('INITIAL_ADMIN_USERNAME');
  const password = r.optionalString('INITIAL_ADMIN_PASSWORD');
  if (!username && !password) return undefined;
  if (!username || !password) {
    r.problems.push('INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD go together: set both or neither');
    return undefined;
  }
  if (password.length < 10 || password.length > 128) r.problems.push('INITIAL_ADMIN_PASSWORD must be 10–128 characters');
  else if (password.trim().toLowerCase() === username.trim().toLowerCase()) r.problems.push('INITIAL_ADMIN_PASSWORD must not be the username');
  return { username, password };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The configuration plus what start-up resolved: the database actually in use. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  embeddedDatabase: boolean;
  /** Build the application without connecting to the database (printing the schema). */
  offline?: boolean;
}

export function runsApi(role: AppRole): boolean {
  return role === 'api' || role === 'all';
}

export function runsWorker(role: AppRole): boolean {
  return role === 'worker' || role === 'all';
}
