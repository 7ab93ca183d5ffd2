import { Conflict, NotFound } from '../../platform/errors/domain-error';
import { text } from '../../platform/i18n/text';

export const refundNotFound = (id: string): NotFound =>
  new NotFound(text(`Prepaid refund ${id}`, `预付费退费 ${id}`), 'PREPAID_REFUND_NOT_FOUND');
export const refundContractNotFound = (id: string): NotFound =>
  new NotFound(text(`Prepaid contract ${id}`, `预付费合同 ${id}`), 'PREPAID_CONTRACT_NOT_FOUND');
export const nothingToRefund = (): Conflict =>
  new Conflict(
    'NOTHING_TO_REFUND',
    text(
      'Every lesson of the contract has been taught or refunded: nothing is left to refund',
      '该合同的课时均已消课或退费，没有可退的余额',
    ),
  );
export const refundOpen = (): Conflict =>
  new Conflict(
    'REFUND_OPEN',
    text('The contract already has a refund case in progress', '该合同已有正在办理的退费申请'),
  );
export const refundNotRefundable = (status: string): Conflict =>
  new Conflict(
    'CONTRACT_NOT_REFUNDABLE',
    text(
      `A refund is requested for an ACTIVE contract, not one that is ${status}`,
      `只有 ACTIVE 状态的合同可以申请退费，该合同状态为 ${status}`,
    ),
  );
export const refundAnswered = (status: string): Conflict =>
  new Conflict(
    'REFUND_ALREADY_ANSWERED',
    text(`The refund request was already answered (${status})`, `该退费申请已处理（${status}）`),
  );
