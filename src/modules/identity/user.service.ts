import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { UserPrincipalStore } from '../../platform/auth/credential-stores';
import { Principal, UserPrincipal, hasRole } from '../../platform/auth/principal';
import { Role, scopeKindOf } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { EventPublisher } from '../../platform/events';
import { DomainError, Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { ReferenceFacade } from '../reference';
import { InstitutionStatus, InstitutionSummary, RegistryFacade } from '../registry';
import { InstitutionAdminService } from './institution-admin.service';
import { User } from './entities/user.entity';
import { currentPasswordIncorrect, invalidScope, lastAdmin, userNotFound, usernameTaken } from './identity.errors';
import { hashPassword } from './password';
import { UUID } from '../../platform/ids/uuid';

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export interface CreateUserCommand {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  /** Department code, township code, school id or institution id, as the role needs; none for county-wide roles. */
  scope?: string | null;
}

export interface UserFilter {
  role?: Role;
  search?: string;
  includeDisabled?: boolean;
}

/** One way a user qualifies in a directory look-up: one of the roles, within one of the departments or townships given. */
export interface UserDirectoryScope {
  roles: Role[];
  departmentCodes?: string[];
  townshipCodes?: string[];
}

/** What a directory look-up shows of a user: no username, password hash or anything else. */
export interface UserDirectoryEntry {
  id: string;
  displayName: string;
  role: Role;
  departmentCode: string | null;
  townshipCode: string | null;
}

interface Scope {
  departmentCode: string | null;
  townshipCode: string | null;
  schoolId: string | null;
  institutionId: string | null;
}

export function toPrincipal(user: User): UserPrincipal {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}),
    ...(user.townshipCode ? { townshipCode: user.townshipCode } : {}),
    ...(user.schoolId ? { schoolId: user.schoolId } : {}),
    ...(user.institutionId ? { institutionId: user.institutionId } : {}),
  };
}

const scopeOf = (u: User): Scope => ({
  departmentCode: u.departmentCode,
  townshipCode: u.townshipCode,
  schoolId: u.schoolId,
  institutionId: u.institutionId,
});

/** The password policy, for every way a password is set: 10–128 characters and not the username (any case). */
export function checkPassword(password: string, path: string, username?: string): void {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationFailed([{ path, message: `must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters` }]);
  }
  if (username && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    throw new ValidationFailed([{ path, message: 'must not be the username' }]);
  }
}

/**
 * Users: with InstitutionAdminService (an institution's closure disables its administrators) the only writer
 * of `app_user`. Administration is for COUNTY_ADMIN (and the command line); institution administrators also
 * for the supervising department.
 */
@Injectable()
export class UserService implements UserPrincipalStore {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly institutionAdmins: InstitutionAdminService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async principalFor(userId: string, sessionVersion: number): Promise<UserPrincipal | null> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
    return toPrincipal(user);
  }

  async me(actor: Principal): Promise<User> {
    if (actor.kind !== 'user') throw new Forbidden('Only a logged-in person has a user record');
    return this.get(actor.userId);
  }

  async getForReader(actor: Principal, id: string): Promise<User> {
    assertReader(actor);
    return this.get(id);
  }

  list(actor: Principal, filter: UserFilter, page: PageArgs): Promise<Connection<User>> {
    assertReader(actor);
    const qb = this.users.createQueryBuilder('u');
    if (!filter.includeDisabled) qb.andWhere('u.disabled_at IS NULL');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.search) {
      qb.andWhere('(u.username ILIKE :search OR u.display_name ILIKE :search)', {
        search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`,
      });
    }
    return paginate(qb, page, {
      list: 'identity.users',
      valueType: 'string',
      column: 'u.username',
      value: (u) => u.username,
      tieBreaker: 'u.id',
      tieValue: (u) => u.id,
    });
  }

  /**
   * Active users matching any of the scopes, by display name (then id), at most `limit`: for other
   * modules' pickers (e.g. supervision's assignable users), which decide who may see the result. An
   * empty scope list, or scopes naming no department or township, match nobody.
   */
  async directory(
    actor: Principal,
    scopes: UserDirectoryScope[],
    options: { search?: string; limit: number },
  ): Promise<UserDirectoryEntry[]> {
    assertReader(actor);
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    scopes.forEach((scope, i) => {
      const where: string[] = [];
      if (scope.departmentCodes?.length) where.push(`u.department_code IN (:...d${i})`);
      if (scope.townshipCodes?.length) where.push(`u.township_code IN (:...t${i})`);
      if (!scope.roles.length || !where.length) return;
      clauses.push(`(u.role IN (:...r${i}) AND (${where.join(' OR ')}))`);
      Object.assign(params, {
        [`r${i}`]: scope.roles,
        [`d${i}`]: scope.departmentCodes,
        [`t${i}`]: scope.townshipCodes,
      });
    });
    if (!clauses.length) return [];
    const qb = this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName', 'u.role', 'u.departmentCode', 'u.townshipCode'])
      .where('u.disabled_at IS NULL')
      .andWhere(`(${clauses.join(' OR ')})`, params);
    const search = options.search?.trim();
    if (search) qb.andWhere('u.display_name ILIKE :search', { search: `%${search.replace(/[\\%_]/g, '\\$&')}%` });
    const rows = await qb.orderBy('u.display_name', 'ASC').addOrderBy('u.id', 'ASC').limit(options.limit).getMany();
    return rows.map((u) => ({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      departmentCode: u.departmentCode,
      townshipCode: u.townshipCode,
    }));
  }

  /**
   * A new user. County administrators create every role; an institution administrator may also be created
   * by an officer of the department supervising institutions, for an institution whose competent
   * department is theirs (InstitutionAdminService).
   */
  async create(actor: Principal, command: CreateUserCommand): Promise<User> {
    const institutionAdmin = command.role === Role.INSTITUTION_ADMIN;
    if (institutionAdmin) await this.institutionAdmins.assertMayCreateAny(actor);
    else assertAdmin(actor);
    const username = normaliseUsername(command.username);
    const displayName = command.displayName.trim();
    if (!displayName || displayName.length > 100)
      throw new ValidationFailed([{ path: 'displayName', message: 'must be 1–100 characters' }]);
    checkPassword(command.password, 'password', username);
    const scope = await this.resolveScope(command.role, command.scope, (institution) =>
      this.institutionAdmins.assertMayCreateFor(actor, institution),
    );
    if (await this.users.existsBy({ username })) throw usernameTaken(username);
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
    assertAdmin(actor);
    const scope = await this.resolveScope(role, scopeValue);
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
    assertAdmin(actor);
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
    assertAdmin(actor);
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
    assertAdmin(actor);
    checkPassword(newPassword, 'newPassword', (await this.get(userId)).username);
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

  /**
   * A user's own password change (changeMyPassword), after LoginService has checked the current one:
   * `verifiedHash` is the hash that check was made against, so a password changed meanwhile (by an
   * administrator or a parallel request) refuses this change. Bumps the session version like a reset:
   * every earlier access token stops working. The new password has passed the policy.
   */
  async changeOwnPassword(actor: Principal, verifiedHash: string, newPassword: string, address: string): Promise<User> {
    if (actor.kind !== 'user') throw new Forbidden('Only a logged-in person has a password to change');
    const passwordHash = await hashPassword(newPassword);
    return this.dataSource.transaction(async (em) => {
      const user = await em
        .createQueryBuilder(User, 'u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: actor.userId })
        .setLock('pessimistic_write')
        .getOne();
      if (!user || user.disabledAt) throw new Forbidden('This account is disabled');
      if (user.passwordHash !== verifiedHash) throw currentPasswordIncorrect();
      await em.update(
        User,
        { id: user.id },
        { passwordHash, sessionVersion: user.sessionVersion + 1, updatedAt: this.clock.now() },
      );
      await this.audit.record(em, {
        actor,
        action: 'identity.user.password_changed',
        entityType: 'user',
        entityId: user.id,
        summary: { username: user.username, address },
      });
      return em.findOneByOrFail(User, { id: user.id });
    });
  }

  private async get(id: string): Promise<User> {
    const user = UUID.test(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw userNotFound(id);
    return user;
  }

  private async lockUser(em: EntityManager, id: string): Promise<User> {
    const user = UUID.test(id) ? await em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!user) throw userNotFound(id);
    return user;
  }

  /** Refuses to take away the last active county administrator (nobody could administer users then). */
  private async assertNotLastAdmin(em: EntityManager, userId: string): Promise<void> {
    const admins: { id: string }[] = await em.query(
      `SELECT id FROM app_user WHERE role = 'COUNTY_ADMIN' AND disabled_at IS NULL FOR UPDATE`,
    );
    if (admins.every((a) => a.id === userId)) throw lastAdmin();
  }

  /** The scope columns a role needs, checked against the reference data (and the registry for an institution). */
  private async resolveScope(
    role: Role,
    value: string | null | undefined,
    checkInstitution?: (institution: InstitutionSummary) => void,
  ): Promise<Scope> {
    const scope = value?.trim() || undefined;
    const none: Scope = { departmentCode: null, townshipCode: null, schoolId: null, institutionId: null };
    const kind = scopeKindOf(role);
    if (kind === 'county') {
      if (scope) throw invalidScope(`${role} works county-wide and takes no scope`);
      return none;
    }
    if (!scope) throw invalidScope(`${role} needs a scope: ${SCOPE_NAMES[kind]}`);
    try {
      if (kind === 'department') return { ...none, departmentCode: (await this.reference.getDepartment(scope)).code };
      if (kind === 'township') return { ...none, townshipCode: (await this.reference.getTownship(scope)).code };
      if (kind === 'institution') {
        const institution = await this.registry.findInstitution({ id: scope });
        if (institution && ADMINISTRABLE_INSTITUTION_STATUSES.includes(institution.status)) {
          checkInstitution?.(institution);
          return { ...none, institutionId: institution.id };
        }
      } else if (UUID.test(scope) && (await this.reference.schoolExists(scope)))
        return { ...none, schoolId: scope.toLowerCase() };
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 404) throw error;
    }
    throw invalidScope(`${role} needs ${SCOPE_NAMES[kind]}; "${scope}" is not one`);
  }
}

/** An INSTITUTION_ADMIN acts for an institution licensed and not closed: approved (not yet operating) or operating. */
export const ADMINISTRABLE_INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  InstitutionStatus.APPROVED,
  InstitutionStatus.OPERATING,
];

const SCOPE_NAMES = {
  department: 'an existing department code',
  township: 'an existing township code',
  school: 'the id of an existing school',
  institution: 'the id of an approved or operating institution',
} as const;

export function normaliseUsername(username: string): string {
  const trimmed = username.trim();
  if (!USERNAME_PATTERN.test(trimmed))
    throw new ValidationFailed([
      { path: 'username', message: 'must be 3–64 characters [A-Za-z0-9._-], starting with a letter or digit' },
    ]);
  return trimmed.toLowerCase();
}

function assertAdmin(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN)) throw new Forbidden('Only a county administrator may administer users');
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR))
    throw new Forbidden('Only the county office and discipline supervisors may list users');
}
