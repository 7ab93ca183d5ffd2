import { PrepaidRefund, PrepaidRefundStatus } from './entities/prepaid-refund.entity';

/** The prepaid.refund.* payload of a refund case; `by` says who moved it. */
export function refundPayload(refund: PrepaidRefund, by: string) {
  return {
    refundId: refund.id,
    contractId: refund.contractId,
    institutionId: refund.institutionId,
    amountFen: refund.amountFen.toString(),
    status: refund.status,
    by,
  };
}

/** A refund case still in progress: at most one per contract (uq_prepaid_refund_open). */
export const OPEN_REFUND_STATUSES: PrepaidRefundStatus[] = [
  PrepaidRefundStatus.REQUESTED,
  PrepaidRefundStatus.APPROVED,
  PrepaidRefundStatus.DISPUTED,
  PrepaidRefundStatus.INSTRUCTED,
  PrepaidRefundStatus.OVERDUE,
];
