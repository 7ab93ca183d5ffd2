import { EscrowAccountStatus } from './entities/escrow-account.entity';
import { AlertStatus } from './entities/escrow-alert.entity';
import { AlertType } from './monitoring/rules';

export interface AccountFilter {
  status?: EscrowAccountStatus;
  institutionId?: string;
  bankCode?: string;
  townshipCode?: string;
}

export interface AlertFilter {
  status?: AlertStatus;
  type?: AlertType;
  townshipCode?: string;
  accountId?: string;
}

export interface CoverageRow {
  key: string;
  operating: number;
  covered: number;
}

export interface Coverage {
  operating: number;
  /** Covered by either route: an escrow account in use or a risk reserve valid today. */
  covered: number;
  /** Of those, with an escrow account in use / with a valid risk reserve (an institution with both counts in each). */
  coveredByAccount: number;
  coveredByRiskReserve: number;
  byTownship: CoverageRow[];
  byCategory: CoverageRow[];
}

export interface BankAccountView {
  accountNo: string;
  institutionId: string;
  institutionName: string | null;
  creditCode: string | null;
  status: EscrowAccountStatus;
  openedOn: string;
}
