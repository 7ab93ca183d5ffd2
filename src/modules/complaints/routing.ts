import { ComplaintCategory } from './complaint.enums';

/**
 * Which duties (reference data, `department_duty`) lead and co-operate on each category. Departments
 * are looked up by duty, so another county's duty table routes its own departments. The pseudo
 * department `TOWNSHIP` stands for the township of the address, which is always included anyway.
 */
interface RouteRule {
  /** 中文: what the category means, for descriptions. */
  label: string;
  leadDuty: string;
  coDuties: readonly string[];
}

export const COMPLAINT_ROUTING: Readonly<Record<ComplaintCategory, RouteRule>> = {
  FALSE_ADVERTISING: { label: '虚假宣传', leadDuty: 'ADVERTISING', coDuties: ['ILLEGAL_ADS'] },
  FIRE_SAFETY: { label: '消防安全', leadDuty: 'FIRE_SAFETY', coDuties: [] },
  TEACHER_PAID_TUTORING: {
    label: '在职教师有偿补课',
    leadDuty: 'INSTITUTION_SUPERVISION',
    coDuties: ['TEACHER_DISCIPLINE'],
  },
  UNLICENSED_TRAINING: { label: '无证办学', leadDuty: 'UNLICENSED_TRAINING', coDuties: [] },
  PREPAID_FEE_REFUND: {
    label: '退费/卷钱跑路',
    leadDuty: 'ESCROW_SUPERVISION',
    coDuties: ['PREPAID_FEE_RISK', 'PRICING_FRAUD'],
  },
  PRICING: { label: '收费', leadDuty: 'FEE_SUPERVISION', coDuties: ['PRICING_FRAUD'] },
  HEALTH_FOOD_SAFETY: { label: '卫生与食品安全', leadDuty: 'HEALTH_SUPERVISION', coDuties: ['FOOD_SAFETY'] },
  SUBJECT_TRAINING_VIOLATION: { label: '违规学科类培训', leadDuty: 'INSTITUTION_SUPERVISION', coDuties: [] },
  HOMEWORK_BURDEN: { label: '作业负担', leadDuty: 'HOMEWORK', coDuties: [] },
  ENROLMENT: { label: '招生入学', leadDuty: 'ENROLMENT', coDuties: [] },
  OTHER: { label: '其他', leadDuty: 'INSTITUTION_SUPERVISION', coDuties: [] },
};

/** When no department holds a category's lead duty: the leading-group office's coordination duty. */
export const FALLBACK_LEAD_DUTY = 'COORDINATION';

/** The department code standing for "the township of the address" in the duty table. */
export const TOWNSHIP_PSEUDO_DEPARTMENT = 'TOWNSHIP';

export interface Routing {
  leadDepartmentCode: string;
  coDepartmentCodes: string[];
}

/**
 * Picks the departments from the duty holders: the first real department holding the lead duty leads;
 * every other holder of a co-operating duty co-operates (lead and the township pseudo department left out).
 */
export function route(
  leadHolders: readonly string[],
  fallbackHolders: readonly string[],
  coHolders: readonly (readonly string[])[],
): Routing {
  const real = (codes: readonly string[]) => codes.filter((c) => c !== TOWNSHIP_PSEUDO_DEPARTMENT);
  const lead = real(leadHolders)[0] ?? real(fallbackHolders)[0];
  if (!lead) throw new Error('The duty table names no department for the lead duty nor for COORDINATION');
  const co = [...new Set(coHolders.flatMap(real))].filter((c) => c !== lead);
  return { leadDepartmentCode: lead, coDepartmentCodes: co };
}
