import { Conflict, NotFound } from '../../platform/errors/domain-error';

export const refundNotFound = (id: string): NotFound =>
  new NotFound(`Prepaid refund ${id}`, 'PREPAID_REFUND_NOT_FOUND');
export const refundContractNotFound = (id: string): NotFound =>
  new NotFound(`Prepaid contract ${id}`, 'PREPAID_CONTRACT_NOT_FOUND');
export const nothingToRefund = (): Conflict =>
  new Conflict(
    'NOTHING_TO_REFUND',
    'Every lesson of the contract has been taught or refunded: nothing is left to refund',
  );
export const refundOpen = (): Conflict =>
  new Conflict('REFUND_OPEN', 'The contract already has a refund case in progress');
export const refundNotRefundable = (status: string): Conflict =>
  new Conflict('CONTRACT_NOT_REFUNDABLE', `A refund is requested for an ACTIVE contract, not one that is ${status}`);
export const refundAnswered = (status: string): Conflict =>
  new Conflict('REFUND_ALREADY_ANSWERED', `The refund request was already answered (${status})`);
