import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { User } from './entities/user.entity';
import { setupAlreadyDone, setupCodeInvalid, tooManySetupAttempts } from './identity.errors';
import { ThrottlePolicy, ThrottleState, afterFailure, blockedUntil, secondsUntil } from './login-throttle';
import { UserService } from './user.service';

/** Serialises first-admin creation across replicas starting together and concurrent setup requests ("SJFA"). */
const FIRST_ADMIN_LOCK_KEY = 0x53_4a_46_41;
export const SETUP_CODE_TTL_HOURS = 24;
/** Wrong codes: from the 3rd each further try waits 1 s, 2 s, 4 s …; the 10th locks the setup for 15 minutes. */
const SETUP_THROTTLE: ThrottlePolicy = { maxFailures: 10, slowAfter: 3, lockSeconds: 900, windowSeconds: 3600 };

export interface StartLog {
  info(message: string): void;
  warn(message: string): void;
}

interface SetupRow {
  code_hash: string;
  expires_at: Date;
  failures: number;
  last_failure_at: Date | null;
  locked_until: Date | null;
}

const hashCode = (code: string): Buffer => createHash('sha256').update(code).digest();
/** Spaces, hyphens and case do not matter when the code is typed back. */
const normaliseCode = (code: string): string => code.replace(/[\s-]/g, '').toLowerCase();

/**
 * The first county administrator of an installation (docs/adr/0010-first-admin.md): from
 * INITIAL_ADMIN_USERNAME/PASSWORD at start, or through a one-time setup code logged at start and
 * spent by the anonymous mutation setupFirstAdmin. Both go through UserService.create (policy, audit,
 * event) and hold one advisory lock, so exactly one first administrator is ever made this way.
 */
@Injectable()
export class FirstAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** At start of an API process: make the configured administrator, or log a fresh setup code, while none exists. */
  async atStart(log: StartLog): Promise<void> {
    await this.locked(async (q) => {
      const initial = this.config.initialAdmin;
      if (await this.adminExists(q)) {
        await q.query(`DELETE FROM first_admin_setup`);
        if (initial) log.info('INITIAL_ADMIN_USERNAME/INITIAL_ADMIN_PASSWORD ignored: a county administrator exists');
        return;
      }
      if (initial) {
        const user = await this.users.create(systemPrincipal('start:initial-admin'), {
          username: initial.username,
          password: initial.password,
          displayName: initial.username,
          role: Role.COUNTY_ADMIN,
        });
        await q.query(`DELETE FROM first_admin_setup`);
        log.info(`first county administrator "${user.username}" created from INITIAL_ADMIN_USERNAME`);
        return;
      }
      const code = randomBytes(16).toString('hex'); // 128 bits
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + SETUP_CODE_TTL_HOURS * 3600_000);
      await q.query(
        `INSERT INTO first_admin_setup (id, code_hash, expires_at, failures, last_failure_at, locked_until, created_at)
         VALUES (1, $1, $2, 0, NULL, NULL, $3)
         ON CONFLICT (id) DO UPDATE SET code_hash = EXCLUDED.code_hash, expires_at = EXCLUDED.expires_at, failures = 0,
           last_failure_at = NULL, locked_until = NULL, created_at = EXCLUDED.created_at`,
        [hashCode(code).toString('hex'), expiresAt, now],
      );
      log.warn(
        `no county administrator yet: one-time setup code ${code} (valid until ${expiresAt.toISOString()}); ` +
          'create the first administrator with the GraphQL mutation setupFirstAdmin(input: { setupCode, username, password })',
      );
    });
  }

  /** setupFirstAdmin: the first COUNTY_ADMIN, given the setup code of the latest start; refused once one exists. */
  async setup(setupCode: string, username: string, password: string): Promise<User> {
    // Anonymous callers: refused without holding a connection once an administrator exists, and never
    // queued on the lock (one setup at a time holds a connection; the others are told to retry), so
    // they cannot pin the pool.
    if (await this.adminExists(this.dataSource)) throw setupAlreadyDone();
    return this.locked(async (q) => {
      if (await this.adminExists(q)) throw setupAlreadyDone();
      const now = this.clock.now();
      const [row] = (await q.query(
        `SELECT code_hash, expires_at, failures, last_failure_at, locked_until FROM first_admin_setup WHERE id = 1`,
      )) as SetupRow[];
      if (!row) throw setupCodeInvalid();
      const state: ThrottleState = {
        failures: row.failures,
        lastFailureAt: row.last_failure_at ?? now,
        lockedUntil: row.locked_until,
      };
      const blocked = blockedUntil(state, SETUP_THROTTLE, now);
      if (blocked) throw tooManySetupAttempts(secondsUntil(blocked, now));
      const given = hashCode(normaliseCode(setupCode));
      const stored = Buffer.from(row.code_hash, 'hex');
      if (row.expires_at <= now || stored.length !== given.length || !timingSafeEqual(stored, given)) {
        const next = afterFailure(row.failures ? state : null, SETUP_THROTTLE, now);
        await q.query(
          `UPDATE first_admin_setup SET failures = $1, last_failure_at = $2, locked_until = $3 WHERE id = 1`,
          [next.failures, next.lastFailureAt, next.lockedUntil],
        );
        throw setupCodeInvalid();
      }
      // Policy, audit and event as any user creation; a refused username or password keeps the code usable.
      const user = await this.users.create(systemPrincipal('setup:first-admin'), {
        username,
        password,
        displayName: username,
        role: Role.COUNTY_ADMIN,
      });
      await q.query(`DELETE FROM first_admin_setup`);
      return user;
    }, false);
  }

  private async adminExists(q: { query(sql: string, parameters?: unknown[]): Promise<unknown> }): Promise<boolean> {
    const rows = (await q.query(`SELECT 1 FROM app_user WHERE role = $1 LIMIT 1`, [Role.COUNTY_ADMIN])) as unknown[];
    return rows.length > 0;
  }

  private async locked<T>(work: (q: QueryRunner) => Promise<T>, wait = true): Promise<T> {
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    try {
      if (wait) await q.query('SELECT pg_advisory_lock($1)', [FIRST_ADMIN_LOCK_KEY]);
      else {
        const [row] = (await q.query('SELECT pg_try_advisory_lock($1) AS taken', [FIRST_ADMIN_LOCK_KEY])) as {
          taken: boolean;
        }[];
        if (!row?.taken) throw tooManySetupAttempts(1);
      }
      try {
        return await work(q);
      } finally {
        await q.query('SELECT pg_advisory_unlock($1)', [FIRST_ADMIN_LOCK_KEY]).catch(() => undefined);
      }
    } finally {
      await q.release();
    }
  }
}
