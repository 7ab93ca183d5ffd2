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
}

export interface GraphqlConfig {
  maxDepth: number;
  maxComplexity: number;
  maxAliases: number;
  /** Lexical tokens a document may have: a huge document is refused while it is parsed. */
  maxTokens: number;
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

/** A group of variables, in the order of `.env.example` and docs/configuration.md. */
export type ConfigSection =
  | 'process'
  | 'database'
  | 'queues'
  | 'graphql'
  | 'keys'
  | 'events'
  | 'authentication'
  | 'bank'
  | 'after-school'
  | 'credit'
  | 'escrow'
  | 'registry'
  | 'complaints'
  | 'supervision';

/** Section titles of docs/configuration.md, in order. */
export const CONFIG_SECTIONS: readonly { id: ConfigSection; title: string }[] = [
  { id: 'process', title: 'Process' },
  { id: 'database', title: 'Database' },
  { id: 'queues', title: 'Queues (BullMQ)' },
  { id: 'graphql', title: 'GraphQL limits' },
  { id: 'keys', title: 'Keys' },
  { id: 'events', title: 'Domain events (outbox → BullMQ)' },
  { id: 'authentication', title: 'Authentication (people: JWT access tokens, login throttling)' },
  { id: 'bank', title: 'Bank REST interface (see bank-api.md)' },
  { id: 'after-school', title: 'After-school services and homework (课后服务, 作业管理)' },
  { id: 'credit', title: 'Black and white lists (黑白名单)' },
  { id: 'escrow', title: 'Escrow monitoring (资金监管)' },
  { id: 'registry', title: 'Institution registry (机构登记)' },
  { id: 'complaints', title: 'Complaints and petitions (投诉/信访)' },
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
    section, bounds: boundsText('integer', bounds), defaultText: String(fallback), description, read: (r, name) => r.int(name, fallback, bounds),
  }),
  number: (section: ConfigSection, fallback: number, bounds: Bounds, description: string): ConfigVariable<number> => ({
    section, bounds: boundsText('number', bounds), defaultText: String(fallback), description, read: (r, name) => r.number(name, fallback, bounds),
  }),
  bool: (section: ConfigSection, fallback: boolean, description: string): ConfigVariable<boolean> => ({
    section, bounds: 'true or false', defaultText: String(fallback), description, read: (r, name) => r.bool(name, fallback),
  }),
  /** A flag whose default differs in production. */
  boolByEnv: (section: ConfigSection, fallback: { production: boolean; otherwise: boolean }, description: string): ConfigVariable<boolean> => ({
    section, bounds: 'true or false', defaultText: `${fallback.otherwise} (${fallback.production} in production)`, description,
    read: (r, name, production) => r.bool(name, production ? fallback.production : fallback.otherwise),
  }),
  string: (section: ConfigSection, fallback: string, bounds: string, description: string): ConfigVariable<string> => ({
    section, bounds, defaultText: fallback, description, read: (r, name) => r.string(name, fallback),
  }),
  oneOf: <T extends string>(section: ConfigSection, allowed: readonly T[], fallback: T, description: string): ConfigVariable<T> => ({
    section, bounds: `one of ${allowed.join(', ')}`, defaultText: fallback, description, read: (r, name) => r.oneOf(name, allowed, fallback),
  }),
  url: (section: ConfigSection, protocols: string[], unset: string, description: string): ConfigVariable<string | undefined> => ({
    section, bounds: `URL (${protocols.map((p) => p.replace(/:$/, '://')).join(' or ')})`, defaultText: `unset: ${unset}`, description,
    read: (r, name) => r.url(name, protocols),
  }),
  /** A key: required in production, a development default elsewhere (refused in production). */
  secret: (section: ConfigSection, developmentDefault: string, bounds: string, description: string): ConfigVariable<string> => ({
    section, bounds, defaultText: 'development default; required in production', description,
    read: (r, name, production) => (production ? r.requiredString(name) : r.string(name, developmentDefault)),
  }),
};

/** Development defaults: safe only because they protect nothing real; production must set its own. */
const DEV_PII_HASH_KEY = 'dev-only-pii-hash-key-do-not-use-in-production';
const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production';
const DEV_ENCRYPTION_KEY = 'ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM='; // "dev-only-encryption-key-32-bytes"

const HH_MM = 'time HH:MM (24-hour)';
const v = variable;

/**
 * Every environment variable the service reads. Adding one is one line here (then use `vars.NAME` in
 * `loadConfig`, add it to `.env.example` and run `npm run docs:config`).
 */
export const CONFIG_VARIABLES = {
  NODE_ENV: v.oneOf('process', ['development', 'production', 'test'] as const, 'development', '`production` turns off introspection and stack traces and requires real keys'),
  APP_ROLE: v.oneOf('process', APP_ROLES, 'all', '`api` (GraphQL + REST), `worker` (outbox relay, subscribers, schedulers; serves only health and metrics) or `all` (both)'),
  PORT: v.int('process', 3000, { min: 0, max: 65535 }, 'HTTP port'),
  LOG_LEVEL: v.oneOf('process', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', 'level of the JSON log lines (pino)'),
  BUSINESS_TIMEZONE: v.string('process', 'Asia/Shanghai', 'IANA time zone', 'business dates and deadlines are computed in this zone'),
  SHUTDOWN_TIMEOUT_MS: v.int('process', 15000, { min: 0 }, 'how long a stopping process waits for work in flight'),
  HTTP_BODY_LIMIT_BYTES: v.int('process', 2 * 1024 * 1024, { min: 1024 }, 'largest request body; a larger one is 400'),

  DATABASE_URL: v.url('database', ['postgres:', 'postgresql:'], 'an embedded PostgreSQL starts, data in `EMBEDDED_PG_DIR`', 'PostgreSQL connection string'),
  DB_MIGRATE_ON_START: v.bool('database', true, 'apply pending migrations at start (serialised by an advisory lock across replicas)'),
  DB_SEED_REFERENCE_ON_START: v.bool('database', true, "load the county's reference data at start (idempotent)"),
  DB_POOL_SIZE: v.int('database', 10, { min: 1, max: 200 }, 'connections per process; event deliveries use at most half (each may take a second one for a facade read)'),
  EMBEDDED_PG_DIR: v.string('database', './.data/pg', 'directory', 'where the embedded PostgreSQL keeps its data (resolved against the working directory)'),
  EMBEDDED_PG_PORT: v.int('database', 54329, { min: 1024, max: 65535 }, 'port the embedded PostgreSQL listens on (127.0.0.1)'),

  REDIS_URL: v.url('queues', ['redis:', 'rediss:'], "BullMQ runs on its PostgreSQL backend in the service's database", 'Redis for BullMQ (production)'),
  QUEUE_PREFIX: v.string('queues', 'sj', '1–40 characters `[A-Za-z0-9_-]`', 'BullMQ key prefix'),

  GRAPHQL_MAX_DEPTH: v.int('graphql', 10, { min: 2, max: 100 }, 'deeper documents are refused before any resolver runs (`QUERY_TOO_DEEP`)'),
  GRAPHQL_MAX_COMPLEXITY: v.int('graphql', 2000, { min: 10 }, 'costlier documents are refused before any resolver runs'),
  GRAPHQL_MAX_ALIASES: v.int('graphql', 30, { min: 1 }, 'documents with more aliases are refused before any resolver runs'),
  GRAPHQL_MAX_TOKENS: v.int('graphql', 5000, { min: 100 }, 'lexical tokens per document: a larger one is refused while it is parsed (`GRAPHQL_PARSE_FAILED`)'),
  GRAPHQL_INTROSPECTION: v.boolByEnv('graphql', { production: false, otherwise: true }, 'schema introspection'),

  PII_HASH_KEY: v.secret('keys', DEV_PII_HASH_KEY, 'string', 'key of the keyed hash (HMAC-SHA256) of ID numbers: searchable, not readable'),
  ENCRYPTION_KEY: v.secret('keys', DEV_ENCRYPTION_KEY, '32 bytes, base64 (`openssl rand -base64 32`)', 'AES-256-GCM key for personal data and bank secrets at rest'),

  EVENT_MAX_ATTEMPTS: v.int('events', 8, { min: 1, max: 100 }, 'deliveries per subscriber before the job stays in the failed set (dead letter)'),
  EVENT_BACKOFF_MS: v.int('events', 1000, { min: 1 }, 'exponential backoff base between deliveries'),
  EVENT_CONCURRENCY: v.int('events', 8, { min: 1, max: 256 }, 'jobs each worker process runs at once per event queue'),
  EVENT_LOCK_MS: v.int('events', 30000, { min: 100 }, 'a job whose worker stops renewing its lock this long is retried by another worker'),
  OUTBOX_BATCH_SIZE: v.int('events', 500, { min: 1, max: 10000 }, 'outbox rows the relay claims at once'),
  OUTBOX_POLL_MS: v.int('events', 1000, { min: 10 }, 'fallback poll of the relay when no `NOTIFY` arrives'),
  OUTBOX_RETENTION_DAYS: v.int('events', 7, { min: 1 }, 'how long published outbox rows are kept (delivery records: four times as long)'),
  OUTBOX_REDRIVE_MS: v.int('events', 60000, { min: 100 }, 'how often a worker re-adds jobs the queue backend lost (Redis restarted without its data) and restores lost schedulers'),
  QUEUE_TIMEOUT_MS: v.int('events', 5000, { min: 100 }, 'how long a queue operation may wait before the relay backs off (events stay in the outbox)'),

  JWT_SECRET: v.secret('authentication', DEV_JWT_SECRET, 'at least 32 characters (`openssl rand -base64 48`)', 'HMAC key of the access tokens (JWT)'),
  JWT_TTL_SECONDS: v.int('authentication', 900, { min: 60, max: 86_400 }, 'lifetime of an access token; there is no refresh token'),
  LOGIN_MAX_FAILURES: v.int('authentication', 5, { min: 1, max: 100 }, 'failed logins for one username before it is locked for `LOGIN_LOCK_SECONDS`'),
  LOGIN_ADDRESS_MAX_FAILURES: v.int('authentication', 20, { min: 1, max: 10_000 }, 'failed logins from one client address before it is locked'),
  LOGIN_SLOW_AFTER: v.int('authentication', 3, { min: 1, max: 100 }, 'from this many failures on, each further attempt must wait 1 s, 2 s, 4 s, … after the last one'),
  LOGIN_LOCK_SECONDS: v.int('authentication', 900, { min: 1 }, 'how long a locked username or address stays locked'),
  LOGIN_FAILURE_WINDOW_SECONDS: v.int('authentication', 3600, { min: 1 }, 'failures older than this are forgotten'),

  BANK_RATE_PER_SECOND: v.number('bank', 50, { min: 0.001 }, 'sustained requests per second per bank API key (token bucket shared by all replicas)'),
  BANK_RATE_BURST: v.int('bank', 100, { min: 1 }, 'burst size of that bucket; beyond it 429 `RATE_LIMITED` with `Retry-After`'),
  BANK_TIMESTAMP_SKEW_SECONDS: v.int('bank', 300, { min: 1, max: 3600 }, "largest accepted difference between `X-Timestamp` and the service's clock"),
  IDEMPOTENCY_TTL_HOURS: v.int('bank', 168, { min: 1 }, "how long an Idempotency-Key's first response is kept and replayed"),
  IDEMPOTENCY_ABANDONED_AFTER_SECONDS: v.int('bank', 300, { min: 1, max: 86_400 }, 'a request still in progress this long after it began (its process died) is redone on retry; until then a retry gets 409'),

  AFTER_SCHOOL_FUNDING_FEN_PER_STUDENT_YEAR: v.int('after-school', 30000, { min: 0 }, 'county funding of basic after-school service, fen per student per school year (30000 = 300 yuan)'),
  AFTER_SCHOOL_LOCAL_OFF_WORK_TIME: v.string('after-school', '17:30', HH_MM, "local normal off-work time: a plan's daily service may not end earlier"),
  AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_1_2: v.int('after-school', 0, { min: 0, max: 600 }, 'daily written-homework limit in minutes, grades 1–2'),
  AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_3_6: v.int('after-school', 60, { min: 0, max: 600 }, 'daily written-homework limit in minutes, grades 3–6'),
  AFTER_SCHOOL_HOMEWORK_MINUTES_JUNIOR: v.int('after-school', 90, { min: 0, max: 600 }, 'daily written-homework limit in minutes, junior grades 7–9'),
  AFTER_SCHOOL_MIN_DAILY_MINUTES: v.int('after-school', 120, { min: 1, max: 600 }, '"5+2": minutes of service required on each school day'),
  AFTER_SCHOOL_FAMILY_GUIDANCE_SESSIONS: v.int('after-school', 4, { min: 0, max: 100 }, 'family-education guidance sessions per school and year ("4次8课时")'),
  AFTER_SCHOOL_FAMILY_GUIDANCE_PERIODS: v.int('after-school', 8, { min: 0, max: 200 }, 'family-education guidance class periods per school and year'),
  AFTER_SCHOOL_CLASS_PERIOD_MINUTES: v.int('after-school', 40, { min: 1, max: 120 }, 'a class period (课时) in minutes, to count guidance minutes recorded in periods'),
  AFTER_SCHOOL_FAMILY_CONSULTATIONS: v.int('after-school', 2, { min: 0, max: 100 }, 'family-education consultations per school and year'),

  CREDIT_ESCROW_ALERT_DEADLINE_DAYS: v.int('credit', 7, { min: 1, max: 365 }, 'an escrow `SHORTFALL` or `NO_ESCROW_ACCOUNT` alert open longer becomes a credit record (violation)'),
  CREDIT_WHITELIST_LOOKBACK_DAYS: v.int('credit', 365, { min: 1, max: 3650 }, 'whitelist eligibility: no active violation within this many days'),

  ESCROW_SHORTFALL_TOLERANCE_FEN: v.int('escrow', 0, { min: 0 }, '`SHORTFALL` only when the balance is below required custody by more than this many fen'),
  ESCROW_ABNORMAL_RELEASE_SHARE: v.number('escrow', 0.3, { min: 0, max: 1 }, '`ABNORMAL_RELEASE` when releases within 24 h exceed this share of the custody held before them'),
  ESCROW_PREPAID_MAX_FEN: v.int('escrow', 500_000, { min: 0 }, '`PREPAID_LIMIT_EXCEEDED`: one prepayment (a payer\'s top-ups in the window counted together) above this many fen (5,000 yuan)'),
  ESCROW_PREPAID_MAX_LESSON_HOURS: v.int('escrow', 60, { min: 0 }, '… or above this many lesson hours'),
  ESCROW_PREPAID_MAX_MONTHS: v.int('escrow', 3, { min: 0 }, '… or covering more than this many months (also the top-up window)'),
  ESCROW_STATEMENT_DUE_HOUR: v.int('escrow', 10, { min: 0, max: 23 }, "local hour by which yesterday's statement must have arrived (`STALE_REPORT`)"),
  ESCROW_INSTRUCTION_ACK_HOURS: v.int('escrow', 24, { min: 1 }, 'instructions to banks unacknowledged this many hours are escalated'),
  ESCROW_RISK_RESERVE_MIN_FEN: v.int('escrow', 500_000, { min: 1 }, 'smallest risk reserve (风险保证金) registered, fen (5,000 yuan: the single-prepayment cap)'),

  REGISTRY_OFFLINE_END_TIME: v.string('registry', '20:30', HH_MM, 'offline subject lessons end by'),
  REGISTRY_ONLINE_END_TIME: v.string('registry', '21:00', HH_MM, 'online subject lessons end by'),
  REGISTRY_ONLINE_MAX_LESSON_MINUTES: v.int('registry', 30, { min: 1, max: 240 }, 'online subject lessons last at most this many minutes'),
  REGISTRY_ONLINE_MIN_BREAK_MINUTES: v.int('registry', 10, { min: 0, max: 240 }, 'minimum break between online subject lessons'),
  REGISTRY_LEAD_CLEARANCE_DAYS: v.int('registry', 30, { min: 1, max: 3650 }, 'unlicensed-training leads still open this many days after being reported are overdue (动态清零)'),
  REGISTRY_COMPLAINT_HOTLINE: v.string('registry', '12345', 'string', 'complaint hotline shown on institution public profiles'),
  REGISTRY_PUBLIC_SEARCH_BURST: v.int('registry', 30, { min: 1 }, 'public institution searches per client address per window'),
  REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS: v.int('registry', 60, { min: 1 }, 'that window'),

  COMPLAINT_SUBMIT_BURST: v.int('complaints', 5, { min: 1, max: 10_000 }, 'public complaint submissions per client address per window'),
  COMPLAINT_SUBMIT_WINDOW_SECONDS: v.int('complaints', 600, { min: 1 }, 'that window'),
  COMPLAINT_DUPLICATE_WINDOW_DAYS: v.int('complaints', 30, { min: 0, max: 3650 }, 'complaints about the same institution and category within this many days link to the earliest open one'),
  COMPLAINT_OVERDUE_SWEEP_MINUTES: v.int('complaints', 15, { min: 1, max: 1440 }, 'how often the overdue sweep runs'),
  COMPLAINT_ROUTE_DAYS: v.int('complaints', 15, { min: 1, max: 365 }, 'statutory period to route (assign) a complaint, calendar days (《信访工作条例》 Art. 22)'),
  COMPLAINT_ACCEPT_DAYS: v.int('complaints', 15, { min: 1, max: 365 }, 'to decide acceptance (Art. 23)'),
  COMPLAINT_HANDLE_DAYS: v.int('complaints', 60, { min: 1, max: 365 }, 'to handle and reply after acceptance (Art. 34)'),
  COMPLAINT_MAX_EXTENSION_DAYS: v.int('complaints', 30, { min: 1, max: 30 }, 'longest single extension; the statutory cap of 30 can only be shortened'),
  COMPLAINT_REVIEW_REQUEST_DAYS: v.int('complaints', 30, { min: 1, max: 365 }, 'a complainant may request a review (复查) this long after the reply (Art. 35)'),
  COMPLAINT_REVIEW_DECISION_DAYS: v.int('complaints', 30, { min: 1, max: 365 }, 'the county office decides a review within this period'),

  SUPERVISION_SWEEP_MINUTES: v.int('supervision', 15, { min: 1, max: 1440 }, 'how often the escalation sweep runs'),
  SUPERVISION_LEVEL2_DAYS: v.int('supervision', 3, { min: 0, max: 365 }, 'overdue by more than this many days: escalation level 2 (leading-group office)'),
  SUPERVISION_LEVEL3_DAYS: v.int('supervision', 7, { min: 0, max: 365 }, 'overdue by more than this many days: level 3 (督办督查局, 纪委监委); must exceed level 2'),
  SUPERVISION_SWEEP_BATCH_SIZE: v.int('supervision', 500, { min: 1, max: 10000 }, 'tasks or orders the sweep claims per transaction'),
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
    },
    graphql: {
      maxDepth: vars.GRAPHQL_MAX_DEPTH,
      maxComplexity: vars.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: vars.GRAPHQL_MAX_ALIASES,
      maxTokens: vars.GRAPHQL_MAX_TOKENS,
      introspection: vars.GRAPHQL_INTROSPECTION,
    },
    security: {
      piiHashKey: vars.PII_HASH_KEY,
      encryptionKey: checkKey(r, vars.ENCRYPTION_KEY, production),
    },
    seedReferenceOnStart: vars.DB_SEED_REFERENCE_ON_START,
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
    escrow: {
      shortfallToleranceFen: BigInt(vars.ESCROW_SHORTFALL_TOLERANCE_FEN),
      abnormalReleaseShare: vars.ESCROW_ABNORMAL_RELEASE_SHARE,
      prepaidMaxFen: BigInt(vars.ESCROW_PREPAID_MAX_FEN),
      prepaidMaxLessonHours: vars.ESCROW_PREPAID_MAX_LESSON_HOURS,
      prepaidMaxMonths: vars.ESCROW_PREPAID_MAX_MONTHS,
      statementDueHour: vars.ESCROW_STATEMENT_DUE_HOUR,
      instructionAckHours: vars.ESCROW_INSTRUCTION_ACK_HOURS,
      riskReserveMinFen: BigInt(vars.ESCROW_RISK_RESERVE_MIN_FEN),
    },
    registry: {
      offlineEndTime: vars.REGISTRY_OFFLINE_END_TIME,
      onlineEndTime: vars.REGISTRY_ONLINE_END_TIME,
      onlineMaxLessonMinutes: vars.REGISTRY_ONLINE_MAX_LESSON_MINUTES,
      onlineMinBreakMinutes: vars.REGISTRY_ONLINE_MIN_BREAK_MINUTES,
      leadClearanceDays: vars.REGISTRY_LEAD_CLEARANCE_DAYS,
      complaintHotline: vars.REGISTRY_COMPLAINT_HOTLINE,
      publicSearchBurst: vars.REGISTRY_PUBLIC_SEARCH_BURST,
      publicSearchWindowSeconds: vars.REGISTRY_PUBLIC_SEARCH_WINDOW_SECONDS,
    },
    complaints: {
      submitBurst: vars.COMPLAINT_SUBMIT_BURST,
      submitWindowSeconds: vars.COMPLAINT_SUBMIT_WINDOW_SECONDS,
      duplicateWindowDays: vars.COMPLAINT_DUPLICATE_WINDOW_DAYS,
      overdueSweepMinutes: vars.COMPLAINT_OVERDUE_SWEEP_MINUTES,
      deadlines: {
        routeDays: vars.COMPLAINT_ROUTE_DAYS,
        acceptDays: vars.COMPLAINT_ACCEPT_DAYS,
        handleDays: vars.COMPLAINT_HANDLE_DAYS,
        // The statutory cap of 30 is also the input's and the database's bound: a county may only shorten it.
        maxExtensionDays: vars.COMPLAINT_MAX_EXTENSION_DAYS,
        reviewRequestDays: vars.COMPLAINT_REVIEW_REQUEST_DAYS,
        reviewDecisionDays: vars.COMPLAINT_REVIEW_DECISION_DAYS,
      },
    },
    credit: {
      escrowAlertDeadlineDays: vars.CREDIT_ESCROW_ALERT_DEADLINE_DAYS,
      whitelistLookbackDays: vars.CREDIT_WHITELIST_LOOKBACK_DAYS,
    },
    supervision: {
      sweepMinutes: vars.SUPERVISION_SWEEP_MINUTES,
      level2Days: vars.SUPERVISION_LEVEL2_DAYS,
      level3Days: vars.SUPERVISION_LEVEL3_DAYS,
      sweepBatchSize: vars.SUPERVISION_SWEEP_BATCH_SIZE,
    },
    afterSchool: {
      fundingFenPerStudentYear: vars.AFTER_SCHOOL_FUNDING_FEN_PER_STUDENT_YEAR,
      offWorkTime: vars.AFTER_SCHOOL_LOCAL_OFF_WORK_TIME,
      homeworkMinutes: {
        grades1to2: vars.AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_1_2,
        grades3to6: vars.AFTER_SCHOOL_HOMEWORK_MINUTES_GRADES_3_6,
        junior: vars.AFTER_SCHOOL_HOMEWORK_MINUTES_JUNIOR,
      },
      minDailyMinutes: vars.AFTER_SCHOOL_MIN_DAILY_MINUTES,
      family: {
        guidanceSessions: vars.AFTER_SCHOOL_FAMILY_GUIDANCE_SESSIONS,
        guidancePeriods: vars.AFTER_SCHOOL_FAMILY_GUIDANCE_PERIODS,
        classPeriodMinutes: vars.AFTER_SCHOOL_CLASS_PERIOD_MINUTES,
        consultations: vars.AFTER_SCHOOL_FAMILY_CONSULTATIONS,
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
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function checkKey(r: EnvReader, value: string, production: boolean): Buffer {
  if (production && value === DEV_ENCRYPTION_KEY) r.problems.push('ENCRYPTION_KEY must not be the development default in production');
  const key = Buffer.from(value, 'base64');
  if (value && key.length !== 32) r.problems.push('ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
  return key;
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
