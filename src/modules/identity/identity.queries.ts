import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { User } from './entities/user.entity';
import { UserDirectoryScope, UserFilter } from './identity.types';

const like = (s: string): string => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * The identity module's reads of users, in one place: outside a transaction, or inside a command's on its
 * `em` (row locks). Who may read is checked by the services before they ask.
 */
@Injectable()
export class IdentityQueries {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  userById(id: string): Promise<User | null> {
    return this.repo.findOneBy({ id });
  }

  /** Users by id, in one statement (unknown ids are left out): for the links to a user. */
  usersByIds(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo.findBy({ id: In([...ids]) });
  }

  usernameExists(username: string): Promise<boolean> {
    return this.repo.existsBy({ username });
  }

  /** Users by username (then id), the disabled ones only when asked for (the `users` list). */
  users(filter: UserFilter, page: PageArgs): Promise<Connection<User>> {
    const qb = this.repo.createQueryBuilder('u');
    if (!filter.includeDisabled) qb.andWhere('u.disabled_at IS NULL');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.search)
      qb.andWhere('(u.username ILIKE :search OR u.display_name ILIKE :search)', { search: like(filter.search) });
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
   * Active users matching any of the scopes, by display name (then id), at most `limit`. An empty scope
   * list, or scopes naming no department or township, match nobody.
   */
  async directory(scopes: UserDirectoryScope[], options: { search?: string; limit: number }): Promise<User[]> {
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
    const qb = this.repo
      .createQueryBuilder('u')
      .select(['u.id', 'u.displayName', 'u.role', 'u.departmentCode', 'u.townshipCode'])
      .where('u.disabled_at IS NULL')
      .andWhere(`(${clauses.join(' OR ')})`, params);
    const search = options.search?.trim();
    if (search) qb.andWhere('u.display_name ILIKE :search', { search: like(search) });
    return qb.orderBy('u.display_name', 'ASC').addOrderBy('u.id', 'ASC').limit(options.limit).getMany();
  }

  /** The user, locked for the command's transaction (FOR UPDATE). */
  lockUser(em: EntityManager, id: string): Promise<User | null> {
    return em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user with their password hash (not selected otherwise), locked for the command's transaction. */
  lockUserWithPasswordHash(em: EntityManager, id: string): Promise<User | null> {
    return em
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Ids of the active county administrators, locked (so two demotions cannot both pass the last-admin check). */
  async lockActiveCountyAdminIds(em: EntityManager): Promise<string[]> {
    const admins: { id: string }[] = await em.query(
      `SELECT id FROM app_user WHERE role = 'COUNTY_ADMIN' AND disabled_at IS NULL FOR UPDATE`,
    );
    return admins.map((a) => a.id);
  }
}
