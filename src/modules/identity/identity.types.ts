import { Role } from '../../platform/auth/role';

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

/** The scope columns of a user: at most one is set, as the role needs. */
export interface UserScope {
  departmentCode: string | null;
  townshipCode: string | null;
  schoolId: string | null;
  institutionId: string | null;
}
