import { Conflict, DomainError, Forbidden, NotFound } from '../../platform/errors/domain-error';

export const accountNotFound = (id: string): NotFound => new NotFound(`Escrow account ${id}`, 'ACCOUNT_NOT_FOUND');
export const alertNotFound = (id: string): NotFound => new NotFound(`Escrow alert ${id}`, 'ALERT_NOT_FOUND');
export const instructionNotFound = (id: string): NotFound => new NotFound(`Instruction ${id}`, 'INSTRUCTION_NOT_FOUND');
export const accountExists = (): Conflict =>
  new Conflict(
    'ACCOUNT_EXISTS',
    'The institution already has an escrow account in use, or the bank already holds this account number',
  );
export const accountClosed = (): Conflict => new Conflict('ACCOUNT_CLOSED', 'The escrow account is closed');
export const accountFrozen = (): Conflict =>
  new Conflict(
    'ACCOUNT_FROZEN',
    'The escrow account is frozen; it must be unfrozen (an UNFREEZE instruction the bank executed) before it can be closed',
  );
export const custodyOutstanding = (what: 'required custody' | 'latest reported balance', yuan: string): Conflict =>
  new Conflict(
    'CUSTODY_OUTSTANDING',
    `The escrow account still holds money: ${what} is ${yuan} yuan; it can be closed only when required custody and the latest reported balance are 0.00`,
  );
export const instructionPending = (): Conflict =>
  new Conflict('INSTRUCTION_PENDING', 'An instruction for this account is still waiting for the bank');
export const instructionNotApplicable = (message: string): Conflict =>
  new Conflict('INSTRUCTION_NOT_APPLICABLE', message);
export const alreadyAcknowledged = (outcome: string): Conflict =>
  new Conflict('INSTRUCTION_ALREADY_ACKNOWLEDGED', `The instruction was already acknowledged as ${outcome}`);
export const alertResolved = (): Conflict => new Conflict('ALERT_RESOLVED', 'The alert is already resolved');
/** An escrow account is opened, and a risk reserve registered, for an approved or operating institution only. */
export const institutionNotOperating = (
  status: string,
  what: 'An escrow account is opened' | 'A risk reserve is registered' = 'An escrow account is opened',
): DomainError =>
  new Conflict(
    'INSTITUTION_NOT_OPERATING',
    `${what} for an approved or operating institution, not one that is ${status}`,
  );
export const notManager = (): Forbidden =>
  new Forbidden('Only the county office and FINANCIAL_OFFICE or EDU officers manage escrow accounts');
export const riskReserveNotFound = (id: string): NotFound =>
  new NotFound(`Risk reserve ${id}`, 'RISK_RESERVE_NOT_FOUND');
export const riskReserveExists = (): Conflict =>
  new Conflict(
    'RISK_RESERVE_EXISTS',
    'The institution already has an ACTIVE risk reserve (an expired one too): release it before registering another',
  );
export const riskReserveReleased = (): Conflict =>
  new Conflict('RISK_RESERVE_RELEASED', 'The risk reserve is already released');
export const riskReserveBelowMinimum = (minimumYuan: string): DomainError =>
  new DomainError(
    'RISK_RESERVE_BELOW_MINIMUM',
    `A risk reserve must be at least ${minimumYuan} yuan (the county rule escrow.risk_reserve_min_fen)`,
    400,
    [{ path: 'amount', message: `must be at least ${minimumYuan}` }],
  );
