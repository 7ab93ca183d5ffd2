/** Who runs a school (办学性质). A school with no sector recorded is PUBLIC. */
export enum SchoolSector {
  PUBLIC = 'PUBLIC', // 公办
  PRIVATE = 'PRIVATE', // 民办
}

/** How a school admits (招生方式); exams, tests and interviews are no method at all (免试入学). */
export enum AdmissionMethod {
  SERVICE_AREA = 'SERVICE_AREA', // 免试就近入学: the children of its service area
  LOTTERY_WHEN_OVERSUBSCRIBED = 'LOTTERY_WHEN_OVERSUBSCRIBED', // 电脑随机录取: everyone when places suffice, a lottery otherwise
}

/** An enrolment plan: recorded by the school (SUBMITTED), then APPROVED or RETURNED by the Education Bureau. */
export enum EnrolmentPlanStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

/** The Education Bureau's decision on a submitted plan. */
export enum EnrolmentPlanDecision {
  APPROVE = 'APPROVE',
  RETURN = 'RETURN',
}
