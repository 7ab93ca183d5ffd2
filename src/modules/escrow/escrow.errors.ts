import { Conflict, DomainError, Forbidden, NotFound } from '../../platform/errors/domain-error';
import { Text, text } from '../../platform/i18n/text';

export const accountNotFound = (id: string): NotFound =>
  new NotFound(text(`Escrow account ${id}`, `资金监管账户 ${id}`), 'ACCOUNT_NOT_FOUND');
export const alertNotFound = (id: string): NotFound =>
  new NotFound(text(`Escrow alert ${id}`, `资金监管预警 ${id}`), 'ALERT_NOT_FOUND');
export const instructionNotFound = (id: string): NotFound =>
  new NotFound(text(`Instruction ${id}`, `指令 ${id}`), 'INSTRUCTION_NOT_FOUND');
export const accountExists = (): Conflict =>
  new Conflict(
    'ACCOUNT_EXISTS',
    text(
      'The institution already has an escrow account in use, or the bank already holds this account number',
      '该机构已有在用的资金监管账户，或该银行已登记此账号',
    ),
  );
export const accountClosed = (): Conflict =>
  new Conflict('ACCOUNT_CLOSED', text('The escrow account is closed', '该资金监管账户已销户'));
export const accountFrozen = (): Conflict =>
  new Conflict(
    'ACCOUNT_FROZEN',
    text(
      'The escrow account is frozen; it must be unfrozen (an UNFREEZE instruction the bank executed) before it can be closed',
      '该资金监管账户已冻结，须先解冻（银行已执行 UNFREEZE 指令）后才能销户',
    ),
  );
const CUSTODY_WHAT = {
  'required custody': '应监管金额',
  'latest reported balance': '最近报送余额',
} as const;
export const custodyOutstanding = (what: keyof typeof CUSTODY_WHAT, yuan: string): Conflict =>
  new Conflict(
    'CUSTODY_OUTSTANDING',
    text(
      `The escrow account still holds money: ${what} is ${yuan} yuan; it can be closed only when required custody and the latest reported balance are 0.00`,
      `该资金监管账户仍有资金：${CUSTODY_WHAT[what]}为 ${yuan} 元；应监管金额和最近报送余额均为 0.00 时才能销户`,
    ),
  );
export const instructionPending = (): Conflict =>
  new Conflict(
    'INSTRUCTION_PENDING',
    text('An instruction for this account is still waiting for the bank', '该账户尚有指令等待银行处理'),
  );
export const instructionNotApplicable = (message: Text): Conflict =>
  new Conflict('INSTRUCTION_NOT_APPLICABLE', message);
export const alreadyAcknowledged = (outcome: string): Conflict =>
  new Conflict(
    'INSTRUCTION_ALREADY_ACKNOWLEDGED',
    text(`The instruction was already acknowledged as ${outcome}`, `该指令已回执，结果为 ${outcome}`),
  );
export const alertResolved = (): Conflict =>
  new Conflict('ALERT_RESOLVED', text('The alert is already resolved', '该预警已处置'));
const OPERATING_WHAT = {
  'An escrow account is opened': '资金监管账户',
  'A risk reserve is registered': '风险保证金',
} as const;
/** An escrow account is opened, and a risk reserve registered, for an approved or operating institution only. */
export const institutionNotOperating = (
  status: string,
  what: keyof typeof OPERATING_WHAT = 'An escrow account is opened',
): DomainError =>
  new Conflict(
    'INSTITUTION_NOT_OPERATING',
    text(
      `${what} for an approved or operating institution, not one that is ${status}`,
      `只能为已审批或正在营业的机构登记${OPERATING_WHAT[what]}，该机构状态为 ${status}`,
    ),
  );
export const notManager = (): Forbidden =>
  new Forbidden(
    text(
      'Only the county office and FINANCIAL_OFFICE or EDU officers manage escrow accounts',
      '只有县级管理部门及金融办（FINANCIAL_OFFICE）、教育部门（EDU）工作人员可以管理资金监管账户',
    ),
  );
export const riskReserveNotFound = (id: string): NotFound =>
  new NotFound(text(`Risk reserve ${id}`, `风险保证金 ${id}`), 'RISK_RESERVE_NOT_FOUND');
export const riskReserveExists = (): Conflict =>
  new Conflict(
    'RISK_RESERVE_EXISTS',
    text(
      'The institution already has an ACTIVE risk reserve (an expired one too): release it before registering another',
      '该机构已有 ACTIVE 状态的风险保证金（含已到期的），须先释放后才能登记新的',
    ),
  );
export const riskReserveReleased = (): Conflict =>
  new Conflict('RISK_RESERVE_RELEASED', text('The risk reserve is already released', '该风险保证金已释放'));
export const riskReserveBelowMinimum = (minimumYuan: string): DomainError =>
  new DomainError(
    'RISK_RESERVE_BELOW_MINIMUM',
    text(
      `A risk reserve must be at least ${minimumYuan} yuan (the county rule escrow.risk_reserve_min_fen)`,
      `风险保证金不得低于 ${minimumYuan} 元（本县规则 escrow.risk_reserve_min_fen）`,
    ),
    400,
    [{ path: 'amount', message: text(`must be at least ${minimumYuan}`, `不得低于 ${minimumYuan}`) }],
  );
