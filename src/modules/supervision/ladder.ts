import { Role } from '../../platform/auth/role';
import type { Recipients } from '../notifications';

export const DAY_MS = 86_400_000;

export interface LadderConfig {
  level2Days: number;
  level3Days: number;
}

/** The ladder level an item deserves: 0 before its due date, 1 once overdue, 2 after level2Days, 3 after level3Days. */
export function ladderLevel(dueAt: Date, now: Date, cfg: LadderConfig): number {
  const overdueMs = now.getTime() - dueAt.getTime();
  if (overdueMs <= 0) return 0;
  if (overdueMs > cfg.level3Days * DAY_MS) return 3;
  if (overdueMs > cfg.level2Days * DAY_MS) return 2;
  return 1;
}

/** Whole days overdue (0 on the first day). */
export function overdueDays(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / DAY_MS));
}

export interface LadderItem {
  leadDepartmentCode: string;
  townshipCode: string | null;
  assigneeIds: readonly string[];
}

/**
 * Who each level notifies: 1 the assignees, the lead department and the township concerned; 2 the
 * leading-group office (COUNTY_ADMIN, EDU); 3 督办督查局 (INSPECTION_OFFICE) and 纪委监委 (DISCIPLINE,
 * DISCIPLINE_SUPERVISOR). An item that jumps levels (e.g. first seen 8 days late) notifies every level it
 * passes, so nobody on the ladder is skipped.
 */
export function recipientsFor(
  level: number,
  item: LadderItem,
): Required<Pick<Recipients, 'userIds' | 'departmentCodes' | 'townshipCodes' | 'roles'>> {
  switch (level) {
    case 1:
      return {
        userIds: [...item.assigneeIds],
        departmentCodes: [item.leadDepartmentCode],
        townshipCodes: item.townshipCode ? [item.townshipCode] : [],
        roles: [],
      };
    case 2:
      return { userIds: [], departmentCodes: ['EDU'], townshipCodes: [], roles: [Role.COUNTY_ADMIN] };
    case 3:
      return {
        userIds: [],
        departmentCodes: ['INSPECTION_OFFICE', 'DISCIPLINE'],
        townshipCodes: [],
        roles: [Role.DISCIPLINE_SUPERVISOR],
      };
    default:
      return { userIds: [], departmentCodes: [], townshipCodes: [], roles: [] };
  }
}

export function recipientsBetween(
  fromLevel: number,
  toLevel: number,
  item: LadderItem,
): Required<Pick<Recipients, 'userIds' | 'departmentCodes' | 'townshipCodes' | 'roles'>> {
  const out = {
    userIds: new Set<string>(),
    departmentCodes: new Set<string>(),
    townshipCodes: new Set<string>(),
    roles: new Set<Role>(),
  };
  for (let level = fromLevel + 1; level <= toLevel; level++) {
    const r = recipientsFor(level, item);
    r.userIds.forEach((v) => out.userIds.add(v));
    r.departmentCodes.forEach((v) => out.departmentCodes.add(v));
    r.townshipCodes.forEach((v) => out.townshipCodes.add(v));
    r.roles.forEach((v) => out.roles.add(v));
  }
  return {
    userIds: [...out.userIds],
    departmentCodes: [...out.departmentCodes],
    townshipCodes: [...out.townshipCodes],
    roles: [...out.roles],
  };
}
