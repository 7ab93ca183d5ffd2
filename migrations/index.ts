import { Reference1764400000000 } from './1764400000000-reference';
import { Access1764400100000 } from './1764400100000-access';
import { Identity1764400110000 } from './1764400110000-identity';
import { Notifications1764400150000 } from './1764400150000-notifications';
import { Events1764400200000 } from './1764400200000-events';
import { Registry1764400300000 } from './1764400300000-registry';
import { Escrow1764400400000 } from './1764400400000-escrow';
import { AfterSchool1764400500000 } from './1764400500000-after-school';
import { Complaints1764400600000 } from './1764400600000-complaints';
import { Credit1764400700000 } from './1764400700000-credit';
import { Supervision1764400800000 } from './1764400800000-supervision';
import { InstitutionList1764401000000 } from './1764401000000-institution-list';
import { IngestPerformance1764401200000 } from './1764401200000-ingest-performance';
import { OutboxSubscribers1764401300000 } from './1764401300000-outbox-subscribers';
import { ComplaintEscalationLevels1764401400000 } from './1764401400000-complaint-escalation-levels';
import { CalendarMaintenance1764401500000 } from './1764401500000-calendar-maintenance';
import { RegistryRecordUpdates1764401600000 } from './1764401600000-registry-record-updates';
import { RectificationOrderLists1764401700000 } from './1764401700000-rectification-order-lists';
import { ComplaintReview1764401800000 } from './1764401800000-complaint-review';
import { EscrowRiskReserve1764401900000 } from './1764401900000-escrow-risk-reserve';
import { InstitutionPublicSearch1764402100000 } from './1764402100000-institution-public-search';

import { StaffBar1764402200000 } from './1764402200000-staff-bar';
import { CreditRiskReserve1764402300000 } from './1764402300000-credit-risk-reserve';
import { EscrowPrepaidTopups1764402400000 } from './1764402400000-escrow-prepaid-topups';
import { Observability1764402560000 } from './1764402560000-observability';
import { RateLimitEviction1764402600000 } from './1764402600000-rate-limit-eviction';
import { FirstAdminSetup1764402650000 } from './1764402650000-first-admin-setup';
import { PolicyStore1764402700000 } from './1764402700000-policy-store';
import { Prepaid1764500000000 } from './1764500000000-prepaid';
import { CreditPrepaidSource1764500050000 } from './1764500050000-credit-prepaid-source';
import { EscrowPaymentInstructions1764500100000 } from './1764500100000-escrow-payment-instructions';
import { PrepaidMoney1764500200000 } from './1764500200000-prepaid-money';
import { EscrowContractRef1764500250000 } from './1764500250000-escrow-contract-ref';
import { InstitutionAdmins1764500300000 } from './1764500300000-institution-admins';
import { PrepaidPlatform1764500400000 } from './1764500400000-prepaid-platform';
import { PrepaidViews1764500500000 } from './1764500500000-prepaid-views';
import { ViolationKinds1764600100000 } from './1764600100000-violation-kinds';
import { SchoolAndDepartmentTasks1764700000000 } from './1764700000000-school-and-department-tasks';
import { SchoolExams1764701000000 } from './1764701000000-school-exams';
import { SchoolsQualityEnrolment1764702000000 } from './1764702000000-schools-quality-enrolment';
import { TeacherBurden1764703000000 } from './1764703000000-teacher-burden';
import { HomeworkBreachAlerts1764703100000 } from './1764703100000-homework-breach-alerts';
import { TeacherCases1764704000000 } from './1764704000000-teacher-cases';
import { PenaltyDecisions1764705000000 } from './1764705000000-penalty-decisions';
import { Accountability1764706000000 } from './1764706000000-accountability';
import { ReportSnapshots1764707000000 } from './1764707000000-report-snapshots';
import { CreditPlatformFeed1764708000000 } from './1764708000000-credit-platform-feed';
/**
 * Every migration, in order. A new migration file is added here too: an explicit list works the same
 * from TypeScript sources (tests, CLI) and from the compiled build, with no glob to get wrong.
 */
export const ALL_MIGRATIONS = [
  Reference1764400000000,
  Access1764400100000,
  Identity1764400110000,
  Notifications1764400150000,
  Events1764400200000,
  Registry1764400300000,
  Escrow1764400400000,
  AfterSchool1764400500000,
  Complaints1764400600000,
  Credit1764400700000,
  Supervision1764400800000,
  InstitutionList1764401000000,
  IngestPerformance1764401200000,
  OutboxSubscribers1764401300000,
  ComplaintEscalationLevels1764401400000,
  CalendarMaintenance1764401500000,
  RegistryRecordUpdates1764401600000,
  RectificationOrderLists1764401700000,
  ComplaintReview1764401800000,
  EscrowRiskReserve1764401900000,
  InstitutionPublicSearch1764402100000,
  StaffBar1764402200000,
  CreditRiskReserve1764402300000,
  EscrowPrepaidTopups1764402400000,
  Observability1764402560000,
  RateLimitEviction1764402600000,
  FirstAdminSetup1764402650000,
  PolicyStore1764402700000,
  Prepaid1764500000000,
  CreditPrepaidSource1764500050000,
  EscrowPaymentInstructions1764500100000,
  PrepaidMoney1764500200000,
  EscrowContractRef1764500250000,
  InstitutionAdmins1764500300000,
  PrepaidPlatform1764500400000,
  PrepaidViews1764500500000,
  ViolationKinds1764600100000,
  SchoolAndDepartmentTasks1764700000000,
  SchoolExams1764701000000,
  SchoolsQualityEnrolment1764702000000,
  TeacherBurden1764703000000,
  HomeworkBreachAlerts1764703100000,
  TeacherCases1764704000000,
  PenaltyDecisions1764705000000,
  Accountability1764706000000,
  ReportSnapshots1764707000000,
  CreditPlatformFeed1764708000000,
];
