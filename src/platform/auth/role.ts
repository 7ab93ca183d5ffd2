/** Roles of people using the service (docs/modules/identity.md, "Roles and scopes"). */
export enum Role {
  COUNTY_ADMIN = 'COUNTY_ADMIN', // 县"双减"工作领导小组办公室
  DEPARTMENT_OFFICER = 'DEPARTMENT_OFFICER', // 成员单位
  TOWNSHIP_OFFICER = 'TOWNSHIP_OFFICER', // 乡镇/街道, 网格员
  SCHOOL_ADMIN = 'SCHOOL_ADMIN', // 学校
  INSPECTOR = 'INSPECTOR', // 督导/执法人员
  DISCIPLINE_SUPERVISOR = 'DISCIPLINE_SUPERVISOR', // 县纪委县监委: read-only everything
  INSTITUTION_ADMIN = 'INSTITUTION_ADMIN', // 机构端: one institution's own records, contracts and refunds
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/**
 * The county's own people: every role but INSTITUTION_ADMIN (an institution's staff, not the county's). An
 * operation without `@Roles(...)` is open to these; one the institution side may use names its roles.
 */
export const STAFF_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== Role.INSTITUTION_ADMIN);

/** What a role's scope names: nothing (county-wide), a department code, a township code, a school id or an institution id. */
export type ScopeKind = 'county' | 'department' | 'township' | 'school' | 'institution';

export function scopeKindOf(role: Role): ScopeKind {
  switch (role) {
    case Role.COUNTY_ADMIN:
    case Role.DISCIPLINE_SUPERVISOR:
      return 'county';
    case Role.DEPARTMENT_OFFICER:
    case Role.INSPECTOR:
      return 'department';
    case Role.TOWNSHIP_OFFICER:
      return 'township';
    case Role.SCHOOL_ADMIN:
      return 'school';
    case Role.INSTITUTION_ADMIN:
      return 'institution';
  }
}
