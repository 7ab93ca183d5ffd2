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
  /** Live updates (subscriptions over graphql-ws): open WebSocket connections one user may hold on one API process. */
  liveMaxConnectionsPerUser: number;
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

export interface PrepaidConfig {
  /** Parent look-ups and actions (contract code + phone digits) per client address: a bucket of `parentBurst` per `parentWindowSeconds`. */
  parentBurst: number;
  parentWindowSeconds: number;
  /** Wrong answers per contract code: after `codeFailures` the code is locked, one more try per `codeLockSeconds / codeFailures`. */
  codeFailures: number;
  codeLockSeconds: number;
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
  prepaid: PrepaidConfig;
  registry: RegistryConfig;
  policy: PolicyConfig;
  seedReferenceOnStart: boolean;
  /** INITIAL_ADMIN_USERNAME + INITIAL_ADMIN_PASSWORD: the first county administrator, made at start while none exists. */
  initialAdmin: { username: string; password: string } | undefined;
}

/** A group of variables, in the order of `.env.example` and docs/configuration.md. */
export type ConfigSection =
  | 'process'
  | 'http'
  | 'observability'
  | 'database'
  | 'queues'
  | 'graphql'
  | 'keys'
  | 'events'
  | 'authentication'
  | 'bank'
  | 'policy'
  | 'registry'
  | 'complaints'
  | 'prepaid'
  | 'supervision';

/** Section titles of docs/configuration.md, in order. */
export const CONFIG_SECTIONS: readonly { id: ConfigSection; title: string }[] = [
  { id: 'process', title: 'Process' },
  { id: 'http', title: 'HTTP and proxies' },
  { id: 'observability', title: 'Metrics and tracing (see observability.md)' },
  { id: 'database', title: 'Database' },
  { id: 'queues', title: 'Queues (BullMQ)' },
  { id: 'graphql', title: 'GraphQL limits' },
  { id: 'keys', title: 'Keys' },
  { id: 'events', title: 'Domain events (outbox → BullMQ)' },
  { id: 'authentication', title: 'Authentication (people: JWT access tokens, login throttling)' },
  { id: 'bank', title: 'Bank REST interface (see bank-api.md)' },
  {
    id: 'policy',
    title: 'County rules (the rules themselves are data: the `policies` query; see adr/0011-rules-as-data.md)',
  },
  { id: 'registry', title: 'Institution registry (机构登记)' },
  { id: 'complaints', title: 'Complaints and petitions (投诉/信访)' },
  { id: 'prepaid', title: 'Prepaid contracts: the parent side (家长端, no account)' },
  { id: 'supervision', title: 'Supervision tasks and the escalation ladder (督导检查, 整改)' },
];

/**
 * One environment variable: how it is read (type, default, bounds) and what it means. The same entry
 * feeds `loadConfig` and the generated docs/configuration.md (`npm run docs:config`), so the two cannot
 * drift. `read` records a problem on the reader instead of throwing.
 */
export interface ConfigVariable<T = unknown> {
  section: ConfigSection;
  /** Type and allowed values as documented: "integer 1–200", "one of api, worker, all", … */
  bounds: string;
  /** Default as documented ("unset → embedded PostgreSQL", "development default; required in production"). */
  defaultText: string;
  description: string;
  read(r: EnvReader, name: string, production: boolean): T;
}

type Bounds = { min?: number; max?: number };

function boundsText(kind: string, { min, max }: Bounds): string {
  if (min !== undefined && max !== undefined) return `${kind} ${min}–${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  if (max !== undefined) return `${kind} ≤ ${max}`;
  return kind;
}

const variable = {
  int: (section: ConfigSection, fallback: number, bounds: Bounds, description: string): ConfigVariable<number> => ({
    section,
    bounds: boundsText('integer', bounds),
    defaultText: String(fallback),
    description,
    read: (r, name) => r.int(name, fallback, bounds),
  }),
  number: (section: ConfigSection, fallback: number, bounds: Bounds, description: string): ConfigVariable<number> => ({
    section,
    bounds: boundsText('number', bounds),
    defaultText: String(fallback),
    description,
    read: (r, name) => r.number(name, fallback, bounds),
  }),
  bool: (section: ConfigSection, fallback: boolean, description: string): ConfigVariable<boolean> => ({
    section,
    bounds: 'true or false',
    defaultText: String(fallback),
    description,
    read: (r, name) => r.bool(name, fallback),
  }),
  /** A flag whose default differs in production. */
  boolByEnv: (
    section: ConfigSection,
    fallback: { production: boolean; otherwise: boolean },
    description: string,
  ): ConfigVariable<boolean> => ({
    section,
    bounds: 'true or false',
    defaultText: `${fallback.otherwise} (${fallback.production} in production)`,
    description,
    read: (r, name, production) => r.bool(name, production ? fallback.production : fallback.otherwise),
  }),
  string: (section: ConfigSection, fallback: string, bounds: string, description: string): ConfigVariable<string> => ({
    section,
    bounds,
    defaultText: fallback,
    description,
    read: (r, name) => r.string(name, fallback),
  }),
  oneOf: <T extends string>(
    section: ConfigSection,
    allowed: readonly T[],
    fallback: T,
    description: string,
  ): ConfigVariable<T> => ({
    section,
    bounds: `one of ${allowed.join(', ')}`,
    defaultText: fallback,
    description,
    read: (r, name) => r.oneOf(name, allowed, fallback),
  }),
  url: (
    section: ConfigSection,
    protocols: string[],
    unset: string,
    description: string,
  ): ConfigVariable<string | undefined> => ({
    section,
    bounds: `URL (${protocols.map((p) => p.replace(/:$/, '://')).join(' or ')})`,
    defaultText: `unset: ${unset}`,
    description,
    read: (r, name) => r.url(name, protocols),
  }),
  /** A key: required in production, a development default elsewhere (refused in production). */
  /** Unset unless given; no default. */
  optional: (section: ConfigSection, bounds: string, description: string): ConfigVariable<string | undefined> => ({
    section,
    bounds,
    defaultText: 'unset',
    description,
    read: (r, name) => r.optionalString(name),
  }),
  secret: (
    section: ConfigSection,
    developmentDefault: string,
    bounds: string,
    description: string,
  ): ConfigVariable<string> => ({
    section,
    bounds,
    defaultText: 'development default; required in production',
    description,
    read: (r, name, production) => (production ? r.requiredString(name) : r.string(name, developmentDefault)),
  }),
};

/** Development defaults: safe only because they protect nothing real; production must set its own. */
const DEV_PII_HASH_KEY = 'dev-only-pii-hash-key-do-not-use-in-production';
const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production';
const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM='; // "dev-only-encryption-key-32-bytes"

const v = variable;

/**
 * Every environment variable the service reads. Adding one is one line here (then use `vars.NAME` in
 * `loadConfig`, add it to `.env.example` and run `npm run docs:config`).
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: v.oneOf(
    'process',
    ['development', 'production', 'test'] as const,
    'development',
    '`production` turns off introspection and stack traces and requires real keys',
  ),
  APP_ROLE: v.oneOf(
    'process',
    APP_ROLES,
    'all',
    '`api` (GraphQL + REST), `worker` (outbox relay, subscribers, schedulers; serves only health and metrics) or `all` (both)',
  ),
  PORT: v.int('process', 3000, { min: 0, max: 65535 }, 'HTTP port'),
  LOG_LEVEL: v.oneOf(
    'process',
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
    'info',
    'level of the JSON log lines (pino)',
  ),
  BUSINESS_TIMEZONE: v.string(
    'process',
    'Asia/Shanghai',
    'IANA time zone',
    'business dates and deadlines are computed in this zone',
  ),
  SHUTDOWN_TIMEOUT_MS: v.int('process', 15000, { min: 0 }, 'how long a stopping process waits for work in flight'),
  HTTP_BODY_LIMIT_BYTES: v.int('process', 2 * 1024 * 1024, { min: 1024 }, 'largest request body; a larger one is 400'),
  TRUSTED_PROXIES: v.string(
    'http',
    '',
    'comma-separated IP addresses, CIDR ranges or `loopback`, `linklocal`, `uniquelocal`',
    "proxies whose `X-Forwarded-For` is believed for per-address limits; empty: none, the peer's own address is the client (set it behind a load balancer)",
  ),
  HTTP_HSTS: v.bool(
    'http',
    false,
    'send `Strict-Transport-Security` (only where TLS terminates in front of the service)',
  ),

  METRICS_PORT: v.int(
    'observability',
    9464,
    { min: 0, max: 65535 },
    'port of the metrics-only listener serving `GET /metrics` (never publish it); 0: none',
  ),
  METRICS_HOST: v.string('observability', '0.0.0.0', 'address', 'address the metrics listener binds'),
  METRICS_TOKEN: v.optional(
    'observability',
    'at least 16 characters',
    'when set, `GET /metrics` is also served on the API port to `Authorization: Bearer <token>`',
  ),
  METRICS_CACHE_MS: v.int(
    'observability',
    5000,
    { min: 0, max: 300_000 },
    'how long the database-backed gauges reuse their last reading',
  ),
  OTEL_EXPORTER_OTLP_ENDPOINT: v.url(
    'observability',
    ['http:', 'https:'],
    'no export',
    'OTLP/HTTP collector; spans go to `<endpoint>/v1/traces`',
  ),
  OTEL_ENABLED: {
    section: 'observability',
    bounds: 'true or false',
    defaultText: 'true when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, else false',
    description: 'OpenTelemetry tracing on or off',
    read: (r: EnvReader, name: string): boolean | undefined =>
      r.optionalString(name) === undefined ? undefined : r.bool(name, false),
  } satisfies ConfigVariable<boolean | undefined>,
  OTEL_SERVICE_NAME: v.string('observability', 'shuangjian', 'string', 'service name on exported spans'),
  OTEL_TRACES_SAMPLER_ARG: v.number(
    'observability',
    1,
    { min: 0, max: 1 },
    'share of new traces recorded (parent-based)',
  ),

  DATABASE_URL: v.url(
    'database',
    ['postgres:', 'postgresql:'],
    'an embedded PostgreSQL starts, data in `EMBEDDED_PG_DIR`',
    'PostgreSQL connection string',
  ),
  DB_MIGRATE_ON_START: v.bool(
    'database',
    true,
    'apply pending migrations at start (serialised by an advisory lock across replicas)',
  ),
  DB_SEED_REFERENCE_ON_START: v.bool('database', true, "load the county's reference data at start (idempotent)"),
  DB_POOL_SIZE: v.int(
    'database',
    10,
    { min: 1, max: 200 },
    'connections per process; event deliveries use at most half (each may take a second one for a facade read)',
  ),
  EMBEDDED_PG_DIR: v.string(
    'database',
    './.data/pg',
    'directory',
    'where the embedded PostgreSQL keeps its data (resolved against the working directory)',
  ),
  EMBEDDED_PG_PORT: v.int(
    'database',
    54329,
    { min: 1024, max: 65535 },
    'port the embedded PostgreSQL listens on (127.0.0.1)',
  ),

  REDIS_URL: v.url(
    'queues',
    ['redis:', 'rediss:'],
    "BullMQ runs on its PostgreSQL backend in the service's database",
    'Redis for BullMQ (production)',
  ),
  QUEUE_PREFIX: v.string('queues', 'sj', '1–40 characters `[A-Za-z0-9_-]`', 'BullMQ key prefix'),

  GRAPHQL_MAX_DEPTH: v.int(
    'graphql',
    10,
    { min: 2, max: 100 },
    'deeper documents are refused before any resolver runs (`QUERY_TOO_DEEP`)',
  ),
  GRAPHQL_MAX_COMPLEXITY: v.int(
    'graphql',
    2000,
    { min: 10 },
    'costlier documents are refused before any resolver runs',
  ),
  GRAPHQL_MAX_ALIASES: v.int(
    'graphql',
    30,
    { min: 1 },
    'documents with more aliases are refused before any resolver runs',
  ),
  GRAPHQL_MAX_TOKENS: v.int(
    'graphql',
    5000,
    { min: 100 },
    'lexical tokens per document: a larger one is refused while it is parsed (`GRAPHQL_PARSE_FAILED`)',
  ),
  GRAPHQL_MAX_FIELDS: v.int(
    'graphql',
    2000,
    { min: 10 },
    'field selections and directives an operation may have once fragment spreads are expanded; checked before validation (`QUERY_TOO_LARGE`)',
  ),
  GRAPHQL_MAX_STRING_LENGTH: v.int(
    'graphql',
    10000,
    { min: 100, max: 1_000_000 },
    'longest string any GraphQL argument may carry (`VALIDATION_FAILED`)',
  ),
  GRAPHQL_EXECUTION_BUDGET_MS: v.int(
    'graphql',
    3000,
    { min: 10, max: 60000 },
    'time a query may spend executing; fields not started by then answer `EXECUTION_BUDGET_EXCEEDED` (mutations are exempt)',
  ),
  GRAPHQL_INTROSPECTION: v.boolByEnv('graphql', { production: false, otherwise: true }, 'schema introspection'),
  GRAPHQL_LIVE_MAX_CONNECTIONS_PER_USER: v.int(
    'graphql',
    5,
    { min: 1, max: 100 },
    'live updates: WebSocket connections (`/graphql`, graphql-ws) one user may hold open on one API process; one more is closed with 4429',
  ),

  PII_HASH_KEY: v.secret(
    'keys',
    DEV_PII_HASH_KEY,
    'string',
    'key of the keyed hash (HMAC-SHA256) of ID numbers: searchable, not readable',
  ),
  ENCRYPTION_KEY: v.secret(
    'keys',
    DEV_ENCRYPTION_KEY,
    '32 bytes, base64 (`openssl rand -base64 32`)',
    'AES-256-GCM key for personal data and bank secrets at rest',
  ),

  EVENT_MAX_ATTEMPTS: v.int(
    'events',
    8,
    { min: 1, max: 100 },
    'deliveries per subscriber before the job stays in the failed set (dead letter)',
  ),
  EVENT_BACKOFF_MS: v.int('events', 1000, { min: 1 }, 'exponential backoff base between deliveries'),
  EVENT_CONCURRENCY: v.int('events', 8, { min: 1, max: 256 }, 'jobs each worker process runs at once per event queue'),
  EVENT_LOCK_MS: v.int(
    'events',
    30000,
    { min: 100 },
    'a job whose worker stops renewing its lock this long is retried by another worker',
  ),
  OUTBOX_BATCH_SIZE: v.int('events', 500, { min: 1, max: 10000 }, 'outbox rows the relay claims at once'),
  OUTBOX_POLL_MS: v.int('events', 1000, { min: 10 }, 'fallback poll of the relay when no `NOTIFY` arrives'),
  OUTBOX_RETENTION_DAYS: v.int(
    'events',
    7,
    { min: 1 },
    'how long published outbox rows are kept (delivery records: four times as long)',
  ),
  OUTBOX_REDRIVE_MS: v.int(
    'events',
    60000,
    { min: 100 },
    'how often a worker re-adds jobs the queue backend lost (Redis restarted without its data) and restores lost schedulers',
  ),
  QUEUE_TIMEOUT_MS: v.int(
    'events',
    5000,
    { min: 100 },
    'how long a queue operation may wait before the relay backs off (events stay in the outbox)',
  ),

  JWT_SECRET: v.secret(
    'authentication',
    DEV_JWT_SECRET,
    'at least 32 characters (`openssl rand -base64 48`)',
    'HMAC key of the access tokens (JWT)',
  ),
  JWT_TTL_SECONDS: v.int(
    'authentication',
    900,
    { min: 60, max: 86_400 },
    'lifetime of an access token; there is no refresh token',
  ),
  LOGIN_MAX_FAILURES: v.int(
    'authentication',
    5,
    { min: 1, max: 100 },
    'failed logins for one username before it is locked for `LOGIN_LOCK_SECONDS`',
  ),
  LOGIN_ADDRESS_MAX_FAILURES: v.int(
    'authentication',
    20,
    { min: 1, max: 10_000 },
    'failed logins from one client address before it is locked',
  ),
  LOGIN_SLOW_AFTER: v.int(
    'authentication',
    3,
    { min: 1, max: 100 },
    'from this many failures on, each further attempt must wait 1 s, 2 s, 4 s, … after the last one',
  ),
  LOGIN_LOCK_SECONDS: v.int('authentication', 900, { min: 1 }, 'how long a locked username or address stays locked'),
  LOGIN_FAILURE_WINDOW_SECONDS: v.int('authentication', 3600, { min: 1 }, 'failures older than this are forgotten'),
  INITIAL_ADMIN_USERNAME: v.optional(
    'authentication',
    'username; set together with `INITIAL_ADMIN_PASSWORD`',
    'the first county administrator, created at start while no COUNTY_ADMIN exists (see adr/0010-first-admin.md)',
  ),
  INITIAL_ADMIN_PASSWORD: v.optional(
    'authentication',
    '10–128 characters, not the username',
    "that administrator's password; remove both once the admin exists",
  ),

  BANK_RATE_PER_SECOND: v.number(
    'bank',
    50,
    { min: 0.001 },
    'sustained requests per second per bank API key (token bucket shared by all replicas)',
  ),
  BANK_RATE_BURST: v.int(
    'bank',
    100,
    { min: 1 },
    'burst size of that bucket; beyond it 429 `RATE_LIMITED` with `Retry-After`',
  ),
  BANK_TIMESTAMP_SKEW_SECONDS: v.int(
    'bank',
    300,
    { min: 1, max: 3600 },
    "largest accepted difference between `X-Timestamp` and the service's clock",
  ),
  IDEMPOTENCY_TTL_HOURS: v.int(
    'bank',
    168,
    { min: 1 },
    "how long an Idempotency-Key's first response is kept and replayed",
  ),
  IDEMPOTENCY_ABANDONED_AFTER_SECONDS: v.int(
    'bank',
    300,
    { min: 1, max: 86_400 },
    'a request still in progress this long after it began (its process died) is redone on retry; until then a retry gets 409',
  ),

  POLICY_REFRESH_MS: v.int(
    'policy',
    5000,
    { min: 10, max: 3_600_000 },
    "a replica reloads the county's rules when its copy is older than this; the approving replica reloads at once",
  ),

  REGISTRY_COMPLAINT_HOTLINE: v.string(
    'registry',
    '12345',
    'string',
    'complaint hotline shown on institution public profiles',
  ),
  REGISTRY_PUBLIC_SEARCH_BURST: v.int(
    'registry',
    30,
    { min: 1 },
    'public institution searches per client address per window',
  ),
  REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS: v.int('registry', 60, { min: 1 }, 'that window'),

  COMPLAINT_SUBMIT_BURST: v.int(
    'complaints',
    5,
    { min: 1, max: 10_000 },
    'public complaint submissions per client address per window',
  ),
  COMPLAINT_SUBMIT_WINDOW_SECONDS: v.int('complaints', 600, { min: 1 }, 'that window'),
  COMPLAINT_STATUS_BURST: v.int(
    'complaints',
    30,
    { min: 1, max: 10_000 },
    'public complaint status look-ups per client address per window',
  ),
  COMPLAINT_STATUS_WINDOW_SECONDS: v.int('complaints', 60, { min: 1 }, 'that window'),
  COMPLAINT_DUPLICATE_WINDOW_DAYS: v.int(
    'complaints',
    30,
    { min: 0, max: 3650 },
    'complaints about the same institution and category within this many days link to the earliest open one',
  ),
  COMPLAINT_OVERDUE_SWEEP_MINUTES: v.int('complaints', 15, { min: 1, max: 1440 }, 'how often the overdue sweep runs'),

  PREPAID_PARENT_BURST: v.int(
    'prepaid',
    20,
    { min: 1, max: 10_000 },
    'parent look-ups and actions by contract code per client address per window (every one counts)',
  ),
  PREPAID_PARENT_WINDOW_SECONDS: v.int('prepaid', 600, { min: 1 }, 'that window'),
  PREPAID_CODE_FAILURES: v.int(
    'prepaid',
    5,
    { min: 1, max: 100 },
    'wrong phone digits (or unknown codes) per contract code before the code is locked',
  ),
  PREPAID_CODE_LOCK_SECONDS: v.int(
    'prepaid',
    900,
    { min: 1 },
    'the lock: the failures refill over this many seconds (one more try every lock / failures seconds)',
  ),

  SUPERVISION_SWEEP_MINUTES: v.int('supervision', 15, { min: 1, max: 1440 }, 'how often the escalation sweep runs'),
  SUPERVISION_SWEEP_BATCH_SIZE: v.int(
    'supervision',
    500,
    { min: 1, max: 10000 },
    'tasks or orders the sweep claims per transaction',
  ),
} satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;
type ConfigValues = { [K in ConfigVariableName]: ReturnType<(typeof CONFIG_VARIABLES)[K]['read']> };

/** Reads every variable of the table, NODE_ENV first (the others' defaults may depend on it). */
function readVariables(r: EnvReader): ConfigValues {
  const nodeEnv = CONFIG_VARIABLES.NODE_ENV.read(r, 'NODE_ENV', false);
  const production = nodeEnv === 'production';
  const values: Record<string, unknown> = { NODE_ENV: nodeEnv };
  for (const [name, spec] of Object.entries(CONFIG_VARIABLES) as [string, ConfigVariable][]) {
    if (name !== 'NODE_ENV') values[name] = spec.read(r, name, production);
  }
  return values as ConfigValues;
}

/** Reads and validates the whole configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const r = new EnvReader(env);
  const vars = readVariables(r);
  const nodeEnv = vars.NODE_ENV;
  const production = nodeEnv === 'production';
  const config: AppConfig = {
    nodeEnv,
    role: vars.APP_ROLE,
    logLevel: vars.LOG_LEVEL,
    timeZone: vars.BUSINESS_TIMEZONE,
    database: {
      url: vars.DATABASE_URL,
      migrateOnStart: vars.DB_MIGRATE_ON_START,
      poolSize: vars.DB_POOL_SIZE,
      embeddedDir: path.resolve(vars.EMBEDDED_PG_DIR),
      embeddedPort: vars.EMBEDDED_PG_PORT,
    },
    queue: {
      redisUrl: vars.REDIS_URL,
      prefix: vars.QUEUE_PREFIX,
    },
    http: {
      port: vars.PORT,
      bodyLimitBytes: vars.HTTP_BODY_LIMIT_BYTES,
      shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS,
      trustedProxies: proxyList(vars.TRUSTED_PROXIES),
      hsts: vars.HTTP_HSTS,
    },
    metrics: {
      port: vars.METRICS_PORT,
      host: vars.METRICS_HOST,
      token: vars.METRICS_TOKEN,
      cacheMs: vars.METRICS_CACHE_MS,
    },
    tracing: tracingFrom(vars),
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH,
      maxComplexity: vars.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: vars.GRAPHQL_MAX_ALIASES,
      maxTokens: vars.GRAPHQL_MAX_TOKENS,
      maxFields: vars.GRAPHQL_MAX_FIELDS,
      maxStringLength: vars.GRAPHQL_MAX_STRING_LENGTH,
      executionBudgetMs: vars.GRAPHQL_EXECUTION_BUDGET_MS,
      introspection: vars.GRAPHQL_INTROSPECTION,
      liveMaxConnectionsPerUser: vars.GRAPHQL_LIVE_MAX_CONNECTIONS_PER_USER,
    },
    security: {
      piiHashKey: vars.PII_HASH_KEY,
      encryptionKey: checkKey(r, vars.ENCRYPTION_KEY, production),
    },
    seedReferenceOnStart: vars.DB_SEED_REFERENCE_ON_START,
    initialAdmin: initialAdmin(r, vars.INITIAL_ADMIN_USERNAME, vars.INITIAL_ADMIN_PASSWORD),
    auth: {
      jwtSecret: vars.JWT_SECRET,
      jwtTtlSeconds: vars.JWT_TTL_SECONDS,
      loginMaxFailures: vars.LOGIN_MAX_FAILURES,
      loginAddressMaxFailures: vars.LOGIN_ADDRESS_MAX_FAILURES,
      loginSlowAfter: vars.LOGIN_SLOW_AFTER,
      loginLockSeconds: vars.LOGIN_LOCK_SECONDS,
      loginFailureWindowSeconds: vars.LOGIN_FAILURE_WINDOW_SECONDS,
    },
    bankApi: {
      ratePerSecond: vars.BANK_RATE_PER_SECOND,
      rateBurst: vars.BANK_RATE_BURST,
      timestampSkewSeconds: vars.BANK_TIMESTAMP_SKEW_SECONDS,
      idempotencyTtlHours: vars.IDEMPOTENCY_TTL_HOURS,
      idempotencyAbandonedSeconds: vars.IDEMPOTENCY_ABANDONED_AFTER_SECONDS,
    },
    events: {
      maxAttempts: vars.EVENT_MAX_ATTEMPTS,
      backoffMs: vars.EVENT_BACKOFF_MS,
      concurrency: vars.EVENT_CONCURRENCY,
      lockMs: vars.EVENT_LOCK_MS,
      outboxBatchSize: vars.OUTBOX_BATCH_SIZE,
      outboxPollMs: vars.OUTBOX_POLL_MS,
      outboxRetentionDays: vars.OUTBOX_RETENTION_DAYS,
      outboxRedriveMs: vars.OUTBOX_REDRIVE_MS,
      queueTimeoutMs: vars.QUEUE_TIMEOUT_MS,
    },
    policy: {
      refreshMs: vars.POLICY_REFRESH_MS,
    },
    registry: {
      complaintHotline: vars.REGISTRY_COMPLAINT_HOTLINE,
      publicSearchBurst: vars.REGISTRY_PUBLIC_SEARCH_BURST,
      publicSearchWindowSeconds: vars.REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS,
    },
    complaints: {
      submitBurst: vars.COMPLAINT_SUBMIT_BURST,
      submitWindowSeconds: vars.COMPLAINT_SUBMIT_WINDOW_SECONDS,
      statusBurst: vars.COMPLAINT_STATUS_BURST,
      statusWindowSeconds: vars.COMPLAINT_STATUS_WINDOW_SECONDS,
      duplicateWindowDays: vars.COMPLAINT_DUPLICATE_WINDOW_DAYS,
      overdueSweepMinutes: vars.COMPLAINT_OVERDUE_SWEEP_MINUTES,
    },
    prepaid: {
      parentBurst: vars.PREPAID_PARENT_BURST,
      parentWindowSeconds: vars.PREPAID_PARENT_WINDOW_SECONDS,
      codeFailures: vars.PREPAID_CODE_FAILURES,
      codeLockSeconds: vars.PREPAID_CODE_LOCK_SECONDS,
    },
    supervision: {
      sweepMinutes: vars.SUPERVISION_SWEEP_MINUTES,
      sweepBatchSize: vars.SUPERVISION_SWEEP_BATCH_SIZE,
    },
  };
  if (production && config.auth.jwtSecret === DEV_JWT_SECRET)
    r.problems.push('JWT_SECRET must not be the development default in production');
  if (config.auth.jwtSecret && config.auth.jwtSecret.length < 32)
    r.problems.push('JWT_SECRET must be at least 32 characters (openssl rand -base64 48)');
  if (production && config.security.piiHashKey === DEV_PII_HASH_KEY)
    r.problems.push('PII_HASH_KEY must not be the development default in production');
  if (!isValidTimeZone(config.timeZone))
    r.problems.push(`BUSINESS_TIMEZONE is not a known IANA time zone: "${config.timeZone}"`);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(config.queue.prefix))
    r.problems.push('QUEUE_PREFIX must be 1-40 characters [A-Za-z0-9_-]');
  const badProxies = config.http.trustedProxies.filter((p) => !isProxySpec(p));
  if (badProxies.length > 0)
    r.problems.push(
      `TRUSTED_PROXIES must list IP addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal: not ${badProxies.join(', ')}`,
    );
  if (config.metrics.token !== undefined && config.metrics.token.length < 16)
    r.problems.push('METRICS_TOKEN must be at least 16 characters');
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function checkKey(r: EnvReader, value: string, production: boolean): Buffer {
  if (production && value === DEV_ENCRYPTION_KEY)
    r.problems.push('ENCRYPTION_KEY must not be the development default in production');
  const key = Buffer.from(value, 'base64');
  if (value && key.length !== 32)
    r.problems.push('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
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

type TracingVariables = Pick<
  ConfigValues,
  'OTEL_ENABLED' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME' | 'OTEL_TRACES_SAMPLER_ARG'
>;

function tracingFrom(vars: TracingVariables): TracingConfig {
  const endpoint = vars.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    enabled: vars.OTEL_ENABLED ?? endpoint !== undefined,
    endpoint,
    serviceName: vars.OTEL_SERVICE_NAME,
    sampleRatio: vars.OTEL_TRACES_SAMPLER_ARG,
  };
}

/**
 * The tracing part of the configuration alone, for src/tracing.ts, which runs before anything else is
 * loaded (instrumentation must patch pg, ioredis and graphql before they are required).
 */
export function loadTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const r = new EnvReader(env);
  const tracing = tracingFrom({
    OTEL_ENABLED: CONFIG_VARIABLES.OTEL_ENABLED.read(r, 'OTEL_ENABLED'),
    OTEL_EXPORTER_OTLP_ENDPOINT: CONFIG_VARIABLES.OTEL_EXPORTER_OTLP_ENDPOINT.read(
      r,
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      false,
    ),
    OTEL_SERVICE_NAME: CONFIG_VARIABLES.OTEL_SERVICE_NAME.read(r, 'OTEL_SERVICE_NAME', false),
    OTEL_TRACES_SAMPLER_ARG: CONFIG_VARIABLES.OTEL_TRACES_SAMPLER_ARG.read(r, 'OTEL_TRACES_SAMPLER_ARG', false),
  });
  if (r.problems.length) throw new ConfigError(r.problems);
  return tracing;
}

/** Both or neither; the password meets the service's policy (10–128 characters, not the username). */
function initialAdmin(
  r: EnvReader,
  username: string | undefined,
  password: string | undefined,
): { username: string; password: string } | undefined {
  if (!username && !password) return undefined;
  if (!username || !password) {
    r.problems.push('INITIAL_ADMIN_USERNAME and INITIAL_ADMIN_PASSWORD go together: set both or neither');
    return undefined;
  }
  if (password.length < 10 || password.length > 128)
    r.problems.push('INITIAL_ADMIN_PASSWORD must be 10–128 characters');
  else if (password.trim().toLowerCase() === username.trim().toLowerCase())
    r.problems.push('INITIAL_ADMIN_PASSWORD must not be the username');
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
