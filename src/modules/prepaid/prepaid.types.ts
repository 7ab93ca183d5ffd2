import type { PrepaidContractSource, PrepaidPaymentRoute } from './entities/prepaid-contract.entity';

/** How the family pays. A loan (培训贷) is refused. */
export type PrepaidPaymentMethod = 'BANK_TRANSFER' | 'CARD' | 'MOBILE_PAYMENT' | 'CASH' | 'LOAN';
export const PAYMENT_METHODS: readonly PrepaidPaymentMethod[] = [
  'BANK_TRANSFER',
  'CARD',
  'MOBILE_PAYMENT',
  'CASH',
  'LOAN',
];

/** A contract as registered (model text GF-2021-2604 fields). */
export interface RegisterContractCommand {
  /** Required for staff; an institution administrator's own institution when left out. */
  institutionId?: string | null;
  courseId: string;
  studentName: string;
  payerName: string;
  payerPhone: string;
  lessonsBought: number;
  /** Minutes per lesson; the course's lesson length when left out. */
  lessonMinutes?: number | null;
  /** Yuan with two decimals, e.g. "80.00". */
  pricePerLesson: string;
  periodStart: string;
  periodEnd: string;
  paymentRoute: PrepaidPaymentRoute;
  paymentMethod: PrepaidPaymentMethod;
  refundTerms: string;
  /** Set by the platform interface only. */
  source?: PrepaidContractSource;
  platformCode?: string | null;
  externalRef?: string | null;
}

export interface RecordLessonsCommand {
  contractId: string;
  taughtOn: string;
  lessons: number;
}

export interface ContractFilter {
  institutionId?: string | null;
  townshipCode?: string | null;
  status?: string | null;
}
