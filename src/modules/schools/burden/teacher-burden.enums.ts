import { registerEnumType } from '@nestjs/graphql';

/** What a non-teaching demand on a school is (教师负担事项类别). */
export enum BurdenDemandKind {
  INSPECTION = 'INSPECTION', // 督查检查
  EVALUATION = 'EVALUATION', // 考核评比
  FORM_FILLING = 'FORM_FILLING', // 填表报数
  CAMPUS_ACTIVITY = 'CAMPUS_ACTIVITY', // 社会事务进校园
  OTHER = 'OTHER', // 其他
}

/** Whether the county approved a demand (进校园事项审批). */
export enum BurdenApprovalStatus {
  /** The school declared the county's approval reference (e.g. the 进校园事项 list number). */
  DECLARED = 'DECLARED',
  /** No approval: flagged to the inspection office when recorded. */
  NONE = 'NONE',
  /** The county (the inspection office or the county office) disputed the declared reference: flagged. */
  DISPUTED = 'DISPUTED',
}

registerEnumType(BurdenDemandKind, {
  name: 'BurdenDemandKind',
  description: 'Kind of non-teaching demand placed on a school (教师负担事项类别).',
  valuesMap: {
    INSPECTION: { description: 'An inspection or check of the school (督查检查).' },
    EVALUATION: { description: 'An evaluation, appraisal or competition (考核评比).' },
    FORM_FILLING: { description: 'Forms, statistics or reports to fill in (填表报数).' },
    CAMPUS_ACTIVITY: { description: 'An activity or social affair entering the campus (社会事务进校园).' },
    OTHER: { description: 'Any other non-teaching demand (其他事项).' },
  },
});

registerEnumType(BurdenApprovalStatus, {
  name: 'BurdenApprovalStatus',
  description: 'Whether the county approved the demand (进校园事项审批情况).',
  valuesMap: {
    DECLARED: {
      description: 'Approved: the school declared the county approval reference (已审批，报备文号).',
    },
    NONE: { description: 'Not approved by the county (未经审批); flagged to the inspection office.' },
    DISPUTED: {
      description:
        'The county disputed the declared approval reference (审批文号不实); flagged to the inspection office.',
    },
  },
});
