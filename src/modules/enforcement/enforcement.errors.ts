import { Conflict, Forbidden, NotFound } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

export const penaltyNotFound = (id: string): NotFound =>
  new NotFound(text(`Penalty decision ${id}`, `行政处罚决定 ${id}`), 'PENALTY_NOT_FOUND');

export const decisionNumberTaken = (number: string): Conflict =>
  new Conflict(
    'PENALTY_NUMBER_TAKEN',
    text(`A penalty decision numbered ${number} exists already`, `文号为 ${number} 的行政处罚决定已存在`),
  );

const VERBS = { carriedOut: ['carried out', '履行完毕'], withdrawn: ['withdrawn', '撤销'] } as const;

export const penaltyStatusConflict = (status: string, action: keyof typeof VERBS): Conflict => {
  const [en, zh] = VERBS[action] ?? ['changed', '变更'];
  return new Conflict(
    'PENALTY_STATUS_CONFLICT',
    text(`A penalty decision in status ${status} cannot be ${en}`, `状态为 ${status} 的行政处罚决定不能${zh}`),
  );
};

export const notDecidingDepartment = (): Forbidden =>
  new Forbidden(
    text(
      'Only the county office or an officer of the deciding department may record this penalty decision',
      '只有县级管理部门或作出决定的部门的工作人员可以登记此行政处罚决定',
    ),
    'PENALTY_FORBIDDEN',
  );

export const notPenaltyDepartment = (): Forbidden =>
  new Forbidden(
    text(
      'Only the county office or an officer of a department with penalty powers over off-campus training (教育、市场监管、人社、民政、综合执法) may do this',
      '只有县级管理部门或对校外培训具有行政处罚权的部门（教育、市场监管、人社、民政、综合执法）的工作人员可以进行此操作',
    ),
    'PENALTY_FORBIDDEN',
  );
