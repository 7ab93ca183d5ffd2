import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { ANONYMOUS, Principal } from '../../platform/auth/principal';
import { IssuedToken, TokenService } from '../../platform/auth/token.service';
import { Clock } from '../../platform/clock/clock';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { User } from './entities/user.entity';
import { currentPasswordIncorrect, invalidCredentials, tooManyLoginAttempts } from './identity.errors';
import { ThrottlePolicy, ThrottleState, afterFailure, blockedUntil, secondsUntil } from './login-throttle';
import { verifyPassword } from './password';
import { OwnAccountService } from './own-account.service';
import { UserReadService } from './user-read.service';
import { USERNAME_PATTERN, checkPassword, toPrincipal } from './user.rules';
import { text } from '../../platform/i18n/text';

export interface LoginResult extends IssuedToken {
  user: User;
}

interface ThrottleRow {
  throttle_key: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

interface Counted {
  key: string;
  before: ThrottleState | null;
  after: ThrottleState;
}

const stateOf = (row: ThrottleRow | undefined): ThrottleState | null =>
  row && row.failures > 0
    ? {
        failures: row.failures,
        lastFailureAt: new Date(row.last_failure_at),
        lockedUntil: row.locked_until && new Date(row.locked_until),
      }
    : null;

/**
 * Login with username and password. Every attempt is counted against the username and the client
 * address *before* the password is checked (so parallel guesses are counted too) and the count is
 * taken back when the password was right; slowed and locked keys are refused without checking anything.
 */
@Injectable()
export class LoginService {
  private readonly policies: Record<'username' | 'address', ThrottlePolicy>;

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly userReads: UserReadService,
    private readonly ownAccount: OwnAccountService,
  ) {
    const a = config.auth;
    const common = {
      slowAfter: a.loginSlowAfter,
      lockSeconds: a.loginLockSeconds,
      windowSeconds: a.loginFailureWindowSeconds,
    };
    // An address (an office behind one NAT) is slowed the same number of failures before its lock as a username.
    const addressSlowAfter = Math.max(1, a.loginAddressMaxFailures - (a.loginMaxFailures - a.loginSlowAfter));
    this.policies = {
      username: { ...common, maxFailures: a.loginMaxFailures },
      address: { ...common, slowAfter: addressSlowAfter, maxFailures: a.loginAddressMaxFailures },
    };
  }

  async login(usernameInput: string, password: string, address: string): Promise<LoginResult> {
    const username = usernameInput.trim().toLowerCase();
    const keys = { username: `username:${username}`, address: `address:${address}` };
    const counted = await this.countAttempt(keys);

    const user = USERNAME_PATTERN.test(username)
      ? await this.users
          .createQueryBuilder('u')
          .addSelect('u.passwordHash')
          .where('u.username = :username', { username })
          .getOne()
      : null;
    const passwordOk = await verifyPassword(user?.passwordHash, password);

    if (user && passwordOk && !user.disabledAt) {
      await this.dataSource.transaction(async (em) => {
        await this.forgetFailures(em, keys);
        await this.audit.record(em, {
          actor: toPrincipal(user),
          action: 'identity.login.succeeded',
          entityType: 'user',
          entityId: user.id,
          summary: { address },
        });
      });
      return { ...this.tokens.issue(user.id, user.sessionVersion), user };
    }

    await this.dataSource.transaction(async (em) => {
      const failures = Object.fromEntries(counted.map((c) => [c.key.split(':')[0] + 'Failures', c.after.failures]));
      await this.audit.record(em, {
        actor: ANONYMOUS,
        action: 'identity.login.failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        summary: { username, address, ...failures },
      });
      await this.recordLocks(em, counted);
    });
    throw invalidCredentials();
  }

  /**
   * changeMyPassword: the logged-in user sets a new password by giving the current one. The new one must
   * pass the password policy (checked first: a weak one costs no attempt) and differ from the current one.
   * The current password is checked like a login: counted against the username and the client address
   * beforehand, refused while either is slowed or locked (TOO_MANY_LOGIN_ATTEMPTS), taken back when right;
   * a wrong one is CURRENT_PASSWORD_INCORRECT and audited as identity.password_change.failed. On success
   * every earlier access token of the user stops working and a fresh one is answered, so the caller stays
   * logged in. Audited without either password.
   */
  async changeOwnPassword(
    actor: Principal,
    currentPassword: string,
    newPassword: string,
    address: string,
  ): Promise<LoginResult> {
    const me = await this.userReads.me(actor);
    checkPassword(newPassword, 'newPassword', me.username);
    const keys = { username: `username:${me.username}`, address: `address:${address}` };
    const counted = await this.countAttempt(keys);
    const stored = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: me.id })
      .getOneOrFail();
    if (!(await verifyPassword(stored.passwordHash, currentPassword))) {
      await this.dataSource.transaction(async (em) => {
        const failures = Object.fromEntries(counted.map((c) => [c.key.split(':')[0] + 'Failures', c.after.failures]));
        await this.audit.record(em, {
          actor,
          action: 'identity.password_change.failed',
          entityType: 'user',
          entityId: me.id,
          summary: { username: me.username, address, ...failures },
        });
        await this.recordLocks(em, counted);
      });
      throw currentPasswordIncorrect();
    }
    await this.dataSource.transaction((em) => this.forgetFailures(em, keys));
    if (newPassword === currentPassword)
      throw new ValidationFailed([
        { path: 'newPassword', message: text('must differ from the current password', '不能与当前密码相同') },
      ]);
    const user = await this.ownAccount.changeOwnPassword(actor, stored.passwordHash, newPassword, address);
    return { ...this.tokens.issue(user.id, user.sessionVersion), user };
  }

  /** A right password: the username's failures are forgotten, the address's count one fewer. */
  private async forgetFailures(em: EntityManager, keys: { username: string; address: string }): Promise<void> {
    await em.query(`DELETE FROM login_throttle WHERE throttle_key = $1`, [keys.username]);
    await em.query(
      `UPDATE login_throttle SET failures = GREATEST(failures - 1, 0), locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END WHERE throttle_key = $1`,
      [keys.address, this.policies.address.maxFailures],
    );
  }

  /** Audits each key this failure has just locked. */
  private async recordLocks(em: EntityManager, counted: Counted[]): Promise<void> {
    for (const c of counted) {
      if (c.after.lockedUntil && !c.before?.lockedUntil) {
        await this.audit.record(em, {
          actor: ANONYMOUS,
          action: 'identity.login.locked',
          entityType: 'login_throttle',
          entityId: c.key,
          summary: { failures: c.after.failures, lockedUntil: c.after.lockedUntil.toISOString() },
        });
      }
    }
  }

  /** Counts this attempt as a failure on both keys, or refuses it when either key is slowed or locked. */
  private async countAttempt(keys: { username: string; address: string }): Promise<Counted[]> {
    const entries = (['address', 'username'] as const).map((kind) => ({ kind, key: keys[kind] }));
    const result = await this.dataSource.transaction(async (em: EntityManager) => {
      await em.query(
        `INSERT INTO login_throttle (throttle_key, failures, last_failure_at) SELECT k, 0, 'epoch' FROM unnest($1::varchar[]) k ON CONFLICT DO NOTHING`,
        [entries.map((e) => e.key)],
      );
      const rows: ThrottleRow[] = await em.query(
        `SELECT * FROM login_throttle WHERE throttle_key = ANY($1) ORDER BY throttle_key FOR UPDATE`,
        [entries.map((e) => e.key)],
      );
      const now = this.clock.now();
      const states = entries.map((e) => ({ ...e, before: stateOf(rows.find((r) => r.throttle_key === e.key)) }));
      const blocked = states
        .map((s) => blockedUntil(s.before, this.policies[s.kind], now))
        .filter((d): d is Date => d !== null);
      if (blocked.length > 0)
        return { retryAfter: secondsUntil(new Date(Math.max(...blocked.map((d) => d.getTime()))), now), counted: [] };
      const counted: Counted[] = [];
      for (const s of states) {
        const after = afterFailure(s.before, this.policies[s.kind], now);
        await em.query(
          `UPDATE login_throttle SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE throttle_key = $1`,
          [s.key, after.failures, after.lastFailureAt, after.lockedUntil],
        );
        counted.push({ key: s.key, before: s.before, after });
      }
      return { retryAfter: undefined, counted };
    });
    if (result.retryAfter !== undefined) throw tooManyLoginAttempts(result.retryAfter);
    return result.counted;
  }
}
