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

/** Institution registry: training-time rules (中办发〔2021〕40号) and the unlicensed-lead clearance deadline. */
export interface RegistryConfig {
  offlineEndTime: string;
  onlineEndTime: string;
  onlineMaxLessonMinutes: number;
  onlineMinBreakMinutes: number;
  /** Leads still open this many days after being reported are overdue (动态清零). */
  leadClearanceDays: number;
  /** Complaint hotline shown on institution public profiles. */
  complaintHotline: string;
  /** Public institution search (searchInstitutionsPublic), per client address: this many searches per window. */
  publicSearchBurst: number;
  publicSearchWindowSeconds: number;
}

export interface AfterSchoolConfig {
  /** County funding of basic after-school service, fen per student per school year (30000 = 300 yuan). */
  fundingFenPerStudentYear: number;
  /** Local normal off-work time (HH:MM): after-school service may not end earlier. */
  offWorkTime: string;
  /** Daily written-homework limits in minutes by grade band (中办发〔2021〕40号). */
  homeworkMinutes: { grades1to2: number; grades3to6: number; junior: number };
  /** "5+2": at least this many minutes of service on each school day. */
  minDailyMinutes: number;
  /** Family education per school and year (seed 四(三) "4次8课时", 2 consultations); a 课时 in minutes. */
  family: { guidanceSessions: number; guidancePeriods: number; classPeriodMinutes: number; consultations: number };
}

export interface EscrowConfig {
  /** SHORTFALL is raised when the balance is below required custody by more than this (fen). */
  shortfallToleranceFen: bigint;
  /** ABNORMAL_RELEASE: releases within 24 h above this share (0–1) of the custody held before them. */
  abnormalReleaseShare: number;
  /** PREPAID_LIMIT_EXCEEDED: one prepayment above this amount (fen), lesson hours or months. */
  prepaidMaxFen: bigint;
  prepaidMaxLessonHours: number;
  prepaidMaxMonths: number;
  /** Local hour by which yesterday's statement must be in (STALE_REPORT). */
  statementDueHour: number;
  /** Instructions unacknowledged this long are escalated (escrow.instruction.unacknowledged). */
  instructionAckHours: number;
  /**
   * Smallest risk reserve (风险保证金, the alternative to bank custody) the service registers, fen. A fixed
   * floor: sizing a reserve to the prepaid fees collected is the officers' judgement (the service sees no
   * fee flows for a reserve-route institution). Default 500,000 fen = 5,000 yuan, the largest single
   * prepayment a family may make (ESCROW_PREPAID_MAX_FEN): a reserve below it could not refund even one.
   */
  riskReserveMinFen: bigint;
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
  /** Statutory periods in calendar days (《信访工作条例》 Art. 22, 23, 34, 35). */
  deadlines: { routeDays: number; acceptDays: number; handleDays: number; maxExtensionDays: number; reviewRequestDays: number; reviewDecisionDays: number };
}

export interface CreditConfig {
  /** An escrow SHORTFALL (or missing account) alert still open this many days becomes a credit record. */
  escrowAlertDeadlineDays: number;
  /** Whitelist eligibility: no violation within this many days. */
  whitelistLookbackDays: number;
}

export interface SupervisionConfig {
  /** How often the escalation sweep runs. */
  sweepMinutes: number;
  /** Escalation level 2 when a task or rectification order is overdue by more than this many days, level 3 … */
  level2Days: number;
  level3Days: number;
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
  afterSchool: AfterSchoolConfig;
  supervision: SupervisionConfig;
  credit: CreditConfig;
  complaints: ComplaintsConfig;
  registry: RegistryConfig;
  escrow: EscrowConfig;
  seedReferenceOnStart: boolean;
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
    escrow: {
      shortfallToleranceFen: BigInt(r.int('ESCROW_SHORTFALL_TOLERANCE_FEN', 0, { min: 0 })),
      abnormalReleaseShare: r.number('ESCROW_ABNORMAL_RELEASE_SHARE', 0.3, { min: 0, max: 1 }),
      prepaidMaxFen: BigInt(r.int('ESCROW_PREPAID_MAX_FEN', 500_000, { min: 0 })),
      prepaidMaxLessonHours: r.int('ESCROW_PREPAID_MAX_LESSON_HOURS', 60, { min: 0 }),
      prepaidMaxMonths: r.int('ESCROW_PREPAID_MAX_MONTHS', 3, { min: 0 }),
      statementDueHour: r.int('ESCROW_STATEMENT_DUE_HOUR', 10, { min: 0, max: 23 }),
      instructionAckHours: r.int('ESCROW_INSTRUCTION_ACK_HOURS', 24, { min: 1 }),
      riskReserveMinFen: BigInt(r.int('ESCROW_RISK_RESERVE_MIN_FEN', 500_000, { min: 1 })),
    },
    registry: {
      offlineEndTime: r.string('REGISTRY_OFFLINE_END_TIME', '20:30'),
      onlineEndTime: r.string('REGISTRY_ONLINE_END_TIME', '21:00'),
      onlineMaxLessonMinutes: r.int('REGISTRY_ONLINE_MAX_LESSON_MINUTES', 30, { min: 1, max: 240 }),
      onlineMinBreakMinutes: r.int('REGISTRY_ONLINE_MIN_BREAK_MINUTES', 10, { min: 0, max: 240 }),
      leadClearanceDays: r.int('REGISTRY_LEAD_CLEARANCE_DAYS', 30, { min: 1, max: 3650 }),
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
      deadlines: {
        routeDays: r.int('COMPLAINT_ROUTE_DAYS', 15, { min: 1, max: 365 }),
        acceptDays: r.int('COMPLAINT_ACCEPT_DAYS', 15, { min: 1, max: 365 }),
        handleDays: r.int('COMPLAINT_HANDLE_DAYS', 60, { min: 1, max: 365 }),
        // The statutory cap of 30 is also the input's and the database's bound: a county may only shorten it.
        maxExtensionDays: r.int('COMPLAINT_MAX_EXTENSION_DAYS', 30, { min: 1, max: 30 }),
        reviewRequestDays: r.int('COMPLAINT_REVIEW_REQUEST_DAYS', 30, { min: 1, max: 365 }),
        reviewDecisionDays: r.int('COMPLAINT_REVIEW_DECISION_DAYS', 30, { min: 1, max: 365 }),
      },
    },
    credit: {
      escrowAlertDeadlineDays: r.int('CREDIT_ESCROW_ALERT_DEADLINE_DAYS', 7, { min: 1, max: 365 }),
      whitelistLookbackDays: r.int('CREDIT_WHITELIST_LOOKBACK_DAYS', 365, { min: 1, max: 3650 }),
    },
    supervision: {
      sweepMinutes: r.int('SUPERVISION_SWEEP_MINUTES', 15, { min: 1, max: 1440 }),
      level2Days: r.int('SUPERVISION_LEVEL2_DAYS', 3, { min: 0, max: 365 }),
      level3Days: r.int('SUPERVISION_LEVEL3_DAYS', 7, { min: 0, max: 365 }),
      sweepBatchSize: r.int('SUPERVISION_SWEEP_BATCH_SIZE', 500, { min: 1, max: 10000 }),
    },
    afterSchool: {
      fundingFenPerStudentYear: r.int('AFTER_SCHOOL_FUNDING_FEN_PER_STUDENT_YEAR', 30000, { min: 0 }),
      offWorkTime: r.string('AFTER_SCHOOL_LOCAL_OFF_WORK_TIME', '17:30'),
      homeworkMinutes: {
        grades1to2: r.int('AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_1_2', 0, { min: 0, max: 600 }),
        grades3to6: r.int('AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_3_6', 60, { min: 0, max: 600 }),
        junior: r.int('AFTER_SCHOOL_HOMEWORK_MINUTES_JUNIOR', 90, { min: 0, max: 600 }),
      },
      minDailyMinutes: r.int('AFTER_SCHOOL_MIN_DAILY_MINUTES', 120, { min: 1, max: 600 }),
      family: {
        guidanceSessions: r.int('AFTER_SCHOOL_FAMILY_GUIDANCE_SESSIONS', 4, { min: 0, max: 100 }),
        guidancePeriods: r.int('AFTER_SCHOOL_FAMILY_GUIDANCE_PERIODS', 8, { min: 0, max: 200 }),
        classPeriodMinutes: r.int('AFTER_SCHOOL_CLASS_PERIOD_MINUTES', 40, { min: 1, max: 120 }),
        consultations: r.int('AFTER_SCHOOL_FAMILY_CONSULTATIONS', 2, { min: 0, max: 100 }),
      },
    },
  };
  if (production && config.auth.jwtSecret === DEV_JWT_SECRET) r.problems.push('JWT_SECRET must not be the development default in production');
  if (config.auth.jwtSecret && config.auth.jwtSecret.length < 32) r.problems.push('JWT_SECRET must be at least 32 characters (openssl rand -base64 48)');
  if (production && config.security.piiHashKey === DEV_PII_HASH_KEY) r.problems.push('PII_HASH_KEY must not be the development default in production');
  if (!isValidTimeZone(config.timeZone)) r.problems.push(`BUSINESS_TIMEZONE is not a known IANA time zone: "${config.timeZone}"`);
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(config.queue.prefix)) r.problems.push('QUEUE_PREFIX must be 1-40 characters [A-Za-z0-9_-]');
  for (const [name, value] of [['REGISTRY_OFFLINE_END_TIME', config.registry.offlineEndTime], ['REGISTRY_ONLINE_END_TIME', config.registry.onlineEndTime]] as const) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) r.problems.push(`${name} must be HH:MM (24-hour), e.g. 20:30`);
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(config.afterSchool.offWorkTime)) r.problems.push('AFTER_SCHOOL_LOCAL_OFF_WORK_TIME must be HH:MM (24-hour), e.g. 17:30');
  if (config.supervision.level3Days <= config.supervision.level2Days) r.problems.push('SUPERVISION_LEVEL3_DAYS must be greater than SUPERVISION_LEVEL2_DAYS');
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
