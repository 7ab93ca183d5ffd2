import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Principal } from './principal';
import { Role } from './role';

/** The jurisdiction dimensions a record can be scoped by. */
export type ScopeDimension = 'township' | 'department' | 'school' | 'bank' | 'institution';

/** SQL expressions (e.g. `s.township_code`) naming each dimension a query's rows carry. */
export type ScopeColumns = Partial<Record<ScopeDimension, string>>;

export interface ScopeOptions {
  /** Roles that see every row of this query besides the county-wide ones (e.g. reference data overviews). */
  countyWide?: readonly Role[];
}

/** What a principal may see: everything, nothing, or the rows whose dimension equals a value. */
export type ScopeRule =
  { kind: 'all' } | { kind: 'none' } | { kind: 'match'; dimension: ScopeDimension; value: string };

const ALL: ScopeRule = { kind: 'all' };
const NONE: ScopeRule = { kind: 'none' };

const match = (dimension: ScopeDimension, value: string | undefined): ScopeRule =>
  value ? { kind: 'match', dimension, value } : NONE;

/**
 * The jurisdiction rule of a principal: COUNTY_ADMIN, DISCIPLINE_SUPERVISOR and the service itself see
 * everything; department officers and inspectors their department; township officers their township;
 * school administrators their school; institution administrators their institution; a bank its own rows; a
 * partner platform everything its routes name (only what it sent); anonymous callers nothing.
 */
export function scopeRule(principal: Principal, options: ScopeOptions = {}): ScopeRule {
  switch (principal.kind) {
    case 'system':
      return ALL;
    case 'anonymous':
      return NONE;
    case 'bank':
      return match('bank', principal.bankCode);
    case 'platform':
      // A partner platform acts county-wide (as the service does): its routes reach only the contracts and
      // lesson records it sent itself, named by its own external ids; it has no GraphQL access.
      return ALL;
    case 'creditPlatform':
      // The credit-sharing platform reads only the credit feed (published records); no scoped query is its.
      return NONE;
    case 'user':
      if (principal.role === Role.COUNTY_ADMIN || principal.role === Role.DISCIPLINE_SUPERVISOR) return ALL;
      if (options.countyWide?.includes(principal.role)) return ALL;
      switch (principal.role) {
        case Role.DEPARTMENT_OFFICER:
        case Role.INSPECTOR:
          return match('department', principal.departmentCode);
        case Role.TOWNSHIP_OFFICER:
          return match('township', principal.townshipCode);
        case Role.SCHOOL_ADMIN:
          return match('school', principal.schoolId);
        case Role.INSTITUTION_ADMIN:
          return match('institution', principal.institutionId);
      }
  }
  return NONE;
}

export type ScopeCondition =
  { kind: 'all' } | { kind: 'none' } | { kind: 'where'; sql: string; params: Record<string, string> };

/**
 * The SQL condition restricting a query to a principal's jurisdiction. A principal whose dimension the
 * query does not carry sees nothing (a school administrator asking for a list without a school column).
 */
export function scopeCondition(
  principal: Principal,
  columns: ScopeColumns,
  options: ScopeOptions = {},
): ScopeCondition {
  const rule = scopeRule(principal, options);
  if (rule.kind !== 'match') return rule;
  const column = columns[rule.dimension];
  if (!column) return { kind: 'none' };
  const param = `__scope_${rule.dimension}`;
  return { kind: 'where', sql: `${column} = :${param}`, params: { [param]: rule.value } };
}

/** Adds the principal's jurisdiction to a query, so modules filter in SQL rather than after loading. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  principal: Principal,
  columns: ScopeColumns,
  options: ScopeOptions = {},
): SelectQueryBuilder<T> {
  const condition = scopeCondition(principal, columns, options);
  if (condition.kind === 'none') qb.andWhere('1 = 0');
  else if (condition.kind === 'where') qb.andWhere(condition.sql, condition.params);
  return qb;
}

/** The same rule for a record already loaded (field resolvers re-check with it). */
export function inScope(
  principal: Principal,
  record: Partial<Record<ScopeDimension, string | null>>,
  options: ScopeOptions = {},
): boolean {
  const rule = scopeRule(principal, options);
  if (rule.kind !== 'match') return rule.kind === 'all';
  return record[rule.dimension] === rule.value;
}
