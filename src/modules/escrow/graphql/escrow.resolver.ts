import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { formatMoney } from '../../../platform/database/money';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { MANAGER_ROLES, READER_ROLES } from '../escrow.access';
import { EscrowAccountReadService } from '../escrow-account-read.service';
import { EscrowAccountService } from '../escrow-account.service';
import { Coverage, CoverageRow } from '../escrow.types';
import { EscrowInstructionService } from '../escrow-instruction.service';
import { accountNotFound } from '../escrow.errors';
import { EscrowAccount } from '../entities/escrow-account.entity';
import { EscrowAlert } from '../entities/escrow-alert.entity';
import { EscrowInstruction } from '../entities/escrow-instruction.entity';
import { EscrowStatement } from '../entities/escrow-statement.entity';
import { EscrowTransaction } from '../entities/escrow-transaction.entity';
import {
  AcknowledgeEscrowAlertInput,
  CloseEscrowAccountInput,
  EscrowAccountsArgs,
  EscrowAlertsArgs,
  IssueBankInstructionInput,
  OpenEscrowAccountInput,
} from './escrow.inputs';
import {
  BankInstructionObject,
  EscrowAccountConnection,
  EscrowAccountObject,
  EscrowAlertConnection,
  EscrowAlertObject,
  EscrowCoverageObject,
  EscrowCoverageRowObject,
  EscrowInstitutionObject,
  EscrowStatementObject,
  EscrowTransactionObject,
} from './escrow.objects';

/** Kept on the object so field resolvers can re-check scope without another read. */
export type AccountNode = EscrowAccountObject & { entity: EscrowAccount };

export const accountObject = (a: EscrowAccount): AccountNode => ({
  id: a.id,
  institutionId: a.institutionId,
  bankCode: a.bankCode,
  accountNo: a.accountNo,
  status: a.status,
  townshipCode: a.townshipCode,
  openedOn: a.openedOn,
  requiredCustody: formatMoney(a.requiredCustodyFen),
  lastStatementDate: a.lastStatementDate,
  openedAt: a.openedAt,
  closedAt: a.closedAt,
  entity: a,
});

const alertObject = (a: EscrowAlert): EscrowAlertObject => ({ ...a });

const statementObject = (s: EscrowStatement): EscrowStatementObject => ({
  statementDate: s.statementDate,
  revision: s.revision,
  openingBalance: formatMoney(s.openingFen),
  closingBalance: formatMoney(s.closingFen),
  receivedAt: s.receivedAt,
  keyId: s.keyId,
});

const transactionObject = (t: EscrowTransaction): EscrowTransactionObject => ({
  txnId: t.txnId,
  bookedAt: t.bookedAt,
  type: t.type,
  amount: formatMoney(t.amountFen),
  payerRef: t.payerRef,
  lessonHours: t.lessonHours,
  coverageMonths: t.coverageMonths,
  reversalOf: t.reversalOf,
  memo: t.memo,
  receivedAt: t.receivedAt,
});

const instructionObject = (i: EscrowInstruction): BankInstructionObject => ({
  ...i,
  amount: i.amountFen === null ? null : formatMoney(i.amountFen),
});

const ratio = (covered: number, operating: number): number => (operating === 0 ? 1 : covered / operating);
const coverageRow = (r: CoverageRow): EscrowCoverageRowObject => ({ ...r, ratio: ratio(r.covered, r.operating) });
const coverageObject = (c: Coverage): EscrowCoverageObject => ({
  operating: c.operating,
  covered: c.covered,
  coveredByAccount: c.coveredByAccount,
  coveredByRiskReserve: c.coveredByRiskReserve,
  ratio: ratio(c.covered, c.operating),
  byTownship: c.byTownship.map(coverageRow),
  byCategory: c.byCategory.map(coverageRow),
});

const mapConnection = <E, O>(c: Connection<E>, f: (e: E) => O): Connection<O> => ({
  ...c,
  edges: c.edges.map((e) => ({ cursor: e.cursor, node: f(e.node) })),
});

/**
 * Escrow monitoring for the front end (资金监管): accounts, alerts, instructions, coverage. County office
 * and FINANCIAL_OFFICE / EDU officers manage; other department officers, inspectors and discipline
 * supervisors read everything; township officers read their township's accounts and alerts.
 */
@Resolver(() => EscrowAccountObject)
export class EscrowResolver {
  constructor(
    private readonly accounts: EscrowAccountReadService,
    private readonly commands: EscrowAccountService,
    private readonly instructionService: EscrowInstructionService,
  ) {}

  @Roles(...READER_ROLES)
  @Query(() => EscrowAccountConnection, {
    description: 'Escrow accounts (监管账户), newest first',
    complexity: pagedComplexity,
  })
  async escrowAccounts(
    @CurrentPrincipal() actor: Principal,
    @Args() args: EscrowAccountsArgs,
  ): Promise<Connection<EscrowAccountObject>> {
    return mapConnection(await this.accounts.list(actor, args.filter ?? {}, args), accountObject);
  }

  @Roles(...READER_ROLES)
  @ByIdQuery(() => EscrowAccountObject, {
    node: () => EscrowAccount,
    description: 'One escrow account with its recent statements, transactions and custody',
  })
  async escrowAccount(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the escrow account.' }, uuidArg()) id: string,
  ): Promise<EscrowAccountObject> {
    return accountObject(await this.accounts.get(actor, id));
  }

  @Roles(...READER_ROLES)
  @Query(() => EscrowAlertConnection, {
    description: 'Escrow alerts (资金监管预警), newest first',
    complexity: pagedComplexity,
  })
  async escrowAlerts(
    @CurrentPrincipal() actor: Principal,
    @Args() args: EscrowAlertsArgs,
  ): Promise<Connection<EscrowAlertObject>> {
    return mapConnection(await this.accounts.listAlerts(actor, args.filter ?? {}, args), alertObject);
  }

  @Roles(...READER_ROLES)
  @Query(() => EscrowCoverageObject, {
    description: 'Escrow coverage (资金监管覆盖率) of operating institutions, by township and category',
  })
  async escrowCoverage(@CurrentPrincipal() actor: Principal): Promise<EscrowCoverageObject> {
    return coverageObject(await this.accounts.coverage(actor));
  }

  @Roles(...MANAGER_ROLES)
  @Mutation(() => EscrowAccountObject, {
    description: 'Opens an escrow account (开设监管账户) for an approved or operating institution',
  })
  async openEscrowAccount(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, bank and account number.' }) input: OpenEscrowAccountInput,
  ): Promise<EscrowAccountObject> {
    return accountObject(await this.commands.open(actor, input));
  }

  @Roles(...MANAGER_ROLES)
  @Mutation(() => EscrowAccountObject, {
    description:
      'Closes an escrow account (注销监管账户); its open alerts resolve. Refused with ACCOUNT_FROZEN while the account is frozen (unfreeze it first), INSTRUCTION_PENDING while an instruction awaits the bank, and CUSTODY_OUTSTANDING while required custody or the latest reported balance is above 0.00',
  })
  async closeEscrowAccount(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The account and why it is closed.' }) input: CloseEscrowAccountInput,
  ): Promise<EscrowAccountObject> {
    return accountObject(await this.commands.close(actor, input.accountId, input.reason));
  }

  @Roles(...MANAGER_ROLES)
  @Mutation(() => EscrowAlertObject, {
    description:
      'Acknowledges an escrow alert (认领预警): someone is following it up; it still resolves by itself when its condition clears.',
  })
  async acknowledgeEscrowAlert(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The alert and an optional note.' }) input: AcknowledgeEscrowAlertInput,
  ): Promise<EscrowAlertObject> {
    return alertObject(await this.commands.acknowledgeAlert(actor, input.id, input.note?.slice(0, 500) ?? null));
  }

  @Roles(Role.COUNTY_ADMIN)
  @Mutation(() => BankInstructionObject, {
    description: 'Instructs the bank to FREEZE (冻结) or UNFREEZE (解冻) an account (county office only)',
  })
  async issueBankInstruction(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The account, the action and why.' }) input: IssueBankInstructionInput,
  ): Promise<BankInstructionObject> {
    return instructionObject(await this.instructionService.issue(actor, input));
  }

  private check(actor: Principal, account: AccountNode): void {
    if (!this.accounts.visible(actor, account.entity)) throw accountNotFound(account.id);
  }

  @ResolveField(() => EscrowInstitutionObject, {
    nullable: true,
    description: 'The institution (校外培训机构) the account belongs to, as escrow shows it; null if it is gone.',
  })
  async institution(
    @Parent() account: AccountNode,
    @Context() ctx: GqlContext,
  ): Promise<EscrowInstitutionObject | null> {
    return ctx.loaders
      .get('escrow.institution', async (ids: readonly string[]) =>
        byKey(ids, await this.accounts.institutions(ids), (i) => i.id),
      )
      .load(account.institutionId);
  }

  @ResolveField(() => [EscrowStatementObject], {
    description: 'End-of-day statements (日终对账单) the bank posted, latest first.',
    complexity: 10,
  })
  async recentStatements(
    @CurrentPrincipal() actor: Principal,
    @Parent() account: AccountNode,
    @Args('limit', { type: () => Int, defaultValue: 10, description: 'How many, 1–100 (default 10).' }) limit: number,
  ): Promise<EscrowStatementObject[]> {
    this.check(actor, account);
    return (await this.accounts.recentStatements(account.id, Math.min(Math.max(limit, 1), 100))).map(statementObject);
  }

  @ResolveField(() => [EscrowTransactionObject], {
    description: 'Movements (资金流水) the bank posted, latest first.',
    complexity: 10,
  })
  async recentTransactions(
    @CurrentPrincipal() actor: Principal,
    @Parent() account: AccountNode,
    @Args('limit', { type: () => Int, defaultValue: 20, description: 'How many, 1–100 (default 20).' }) limit: number,
  ): Promise<EscrowTransactionObject[]> {
    this.check(actor, account);
    return (await this.accounts.recentTransactions(account.id, Math.min(Math.max(limit, 1), 100))).map(
      transactionObject,
    );
  }

  @ResolveField(() => [BankInstructionObject], {
    description: 'Instructions to the bank (监管指令), latest first (at most 20).',
    complexity: 10,
  })
  async instructions(
    @CurrentPrincipal() actor: Principal,
    @Parent() account: AccountNode,
  ): Promise<BankInstructionObject[]> {
    this.check(actor, account);
    return (await this.accounts.instructions(account.id, 20)).map(instructionObject);
  }
}
