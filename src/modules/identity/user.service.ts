import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { ValidationFailed } from '../../platform/errors/domain-error';
import { UUID } from '../../platform/ids/uuid';
import { InstitutionAdminService } from './institution-admin.service';
import { User } from './entities/user.entity';
import { assertUserAdmin } from './identity.access';
import { lastAdmin, userNotFound, usernameTaken } from './identity.errors';
import { IdentityQueries } from './identity.queries';
import { CreateUserCommand } from './identity.types';
import { hashPassword } from './password';
import { UserReadService } from './user-read.service';
import { checkPassword, normaliseUsername } from './user.rules';
import { UserScopeService, scopeOf } from './user-scope.service';
import { text } from '../../platform/i18n/text';

/**
 * User administration: with InstitutionAdminService (an institution's closure disables its administrators)
 * and OwnAccountService (one's own password) the only writer of `app_user`. Administration is for
 * COUNTY_ADMIN (and the command line); institution administrators also for the supervising department.
 * Reads: UserReadService; scopes: UserScopeService.
 */
@Injectable()
export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: IdentityQueries,
    private readonly reads: UserReadService,
    private readonly scopes: UserScopeService,
    private readonly institutionAdmins: InstitutionAdminService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  /**
   * A new user. County administrators create every role; an institution administrator may also be created
   * by an officer of the department supervising institutions, for an institution whose competent
   * department is theirs (InstitutionAdminService).
   */
  async create(actor: Principal, command: CreateUserCommand): Promise<User> {
    const institutionAdmin = command.role === Role.INSTITUTION_ADMIN;
    if (institutionAdmin) await this.institutionAdmins.assertMayCreateAny(actor);
    else assertUserAdmin(actor);
    const username = normaliseUsername(command.username);
    const displayName = command.displayName.trim();
    if (!displayName || displayName.length > 100)
      throw new ValidationFailed([
        { path: 'displayName', message: text('must be 1–100 characters', '须为 1–100 个字符') },
      ]);
    checkPassword(command.password, 'password', username);
    const scope = await this.scopes.resolve(command.role, command.scope, (institution) =>
      this.institutionAdmins.assertMayCreateFor(actor, institution),
    );
    if (await this.queries.usernameExists(username)) throw usernameTaken(username);
    const passwordHash = await hashPassword(command.password);
    return this.dataSource.transaction(async (em) => {
      const now = this.clock.now();
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          username,
          displayName,
          passwordHash,
          role: command.role,
          ...scope,
          sessionVersion: 0,
          createdAt: now,
          updatedAt: now,
        })
        .orIgnore()
        .returning('id')
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) throw usernameTaken(username); // created by a concurrent request since the check
      await this.audit.record(em, {
        actor,
        action: 'identity.user.created',
        entityType: 'user',
        entityId: id,
        summary: { username, displayName, role: command.role, ...scope },
      });
      await this.events.publish(em, 'identity.user.created', { userId: id, username, role: command.role });
      return em.findOneByOrFail(User, { id });
    });
  }

  /** Changes a user's role and scope (effective on their next request). */
  async changeRole(actor: Principal, userId: string, role: Role, scopeValue?: string | null): Promise<User> {
    assertUserAdmin(actor);
    const scope = await this.scopes.resolve(role, scopeValue);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, userId);
      if (user.role === Role.COUNTY_ADMIN && role !== Role.COUNTY_ADMIN && !user.disabledAt)
        await this.assertNotLastAdmin(em, user.id);
      const before = { role: user.role, ...scopeOf(user) };
      await em.update(User, { id: user.id }, { role, ...scope, updatedAt: this.clock.now() });
      await this.audit.record(em, {
        actor,
        action: 'identity.user.role_changed',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username, before, after: { role, ...scope } },
      });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }

  /** Disables a user: they can no longer log in, and their access tokens stop working at once. */
  async disable(actor: Principal, userId: string): Promise<User> {
    assertUserAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, userId);
      if (user.disabledAt) return user;
      if (user.role === Role.COUNTY_ADMIN) await this.assertNotLastAdmin(em, user.id);
      const now = this.clock.now();
      await em.update(
        User,
        { id: user.id },
        { disabledAt: now, sessionVersion: user.sessionVersion + 1, updatedAt: now },
      );
      await this.audit.record(em, {
        actor,
        action: 'identity.user.disabled',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username },
      });
      await this.events.publish(em, 'identity.user.disabled', { userId: user.id, username: user.username });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }

  async enable(actor: Principal, userId: string): Promise<User> {
    assertUserAdmin(actor);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, userId);
      if (!user.disabledAt) return user;
      await em.update(User, { id: user.id }, { disabledAt: null, updatedAt: this.clock.now() });
      await this.audit.record(em, {
        actor,
        action: 'identity.user.enabled',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username },
      });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }

  /** Sets a new password; every access token issued before stops working. */
  async resetPassword(actor: Principal, userId: string, newPassword: string): Promise<User> {
    assertUserAdmin(actor);
    checkPassword(newPassword, 'newPassword', (await this.reads.get(userId)).username);
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (em) => {
      const user = await this.lockUser(em, userId);
      await em.update(
        User,
        { id: user.id },
        { passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: this.clock.now() },
      );
      await this.audit.record(em, {
        actor,
        action: 'identity.user.password_reset',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username },
      });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }

  private async lockUser(em: EntityManager, id: string): Promise<User> {
    const user = UUID.test(id) ? await this.queries.lockUser(em, id) : null;
    if (!user) throw userNotFound(id);
    return user;
  }

  /** Refuses to take away the last active county administrator (nobody could administer users then). */
  private async assertNotLastAdmin(em: EntityManager, userId: string): Promise<void> {
    const admins = await this.queries.lockActiveCountyAdminIds(em);
    if (admins.every((id) => id === userId)) throw lastAdmin();
  }
}
