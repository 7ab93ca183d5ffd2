import { Context, Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { formatMoney } from '../../../platform/database/money';
import { GqlContext } from '../../../platform/graphql/context';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { InstitutionObject } from '../../registry';
import { EscrowAccountReadService } from '../escrow-account-read.service';
import { CurrentAccount, InstitutionEscrowService, LatestStatement } from '../institution-escrow.service';
import { AccountNode, accountObject } from './escrow.resolver';
import { EscrowAccountObject } from './escrow.objects';

/**
 * Escrow facts on the registry's Institution (the front end's institution list): the current escrow
 * account and the count of unresolved alerts, each one batched query per page. The institution was
 * already scoped by the registry; the account is shown only if the caller may see it (its township).
 */
@Resolver(() => InstitutionObject)
export class InstitutionEscrowResolver {
  constructor(
    private readonly view: InstitutionEscrowService,
    private readonly accounts: EscrowAccountReadService,
  ) {}

  @ResolveField(() => EscrowAccountObject, {
    nullable: true,
    description: 'The current escrow account (资金监管账户): the one not closed, else the latest; null if none',
  })
  async escrowAccount(
    @CurrentPrincipal() actor: Principal,
    @Parent() institution: InstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<AccountNode | null> {
    const current = await ctx.loaders
      .get<string, CurrentAccount | null>('escrow.currentAccount', async (ids) => {
        const found = await this.view.currentAccounts(ids);
        // The custody field's loader gets the latest statements read with the accounts: no second query.
        const statements = latestStatementLoader(ctx, this.view);
        for (const c of found) if (c) statements.prime(c.account.id, c.latestStatement);
        return found;
      })
      .load(institution.id);
    return current && this.accounts.visible(actor, current.account) ? accountObject(current.account) : null;
  }

  @ResolveField(() => Int, {
    description: 'Escrow alerts not yet resolved (open or acknowledged), among those the caller may read',
  })
  openEscrowAlertCount(
    @CurrentPrincipal() actor: Principal,
    @Parent() institution: InstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<number> {
    return ctx.loaders
      .get<string, number>('escrow.openAlertCount', (ids) => this.view.openAlertCounts(actor, ids))
      .load(institution.id);
  }
}

@ObjectType('EscrowCustody', {
  description: 'Custody (资金监管) of an account: required against the latest reported balance, in yuan.',
})
export class EscrowCustodyObject {
  @Field({ description: 'Required custody (应监管资金), yuan with two decimals.' })
  required!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Closing balance of the bank's latest statement, yuan with two decimals; null before the first statement.",
  })
  latestBalance!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Business day of that statement; null before the first.' })
  latestStatementDate!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Required minus balance when the balance falls short (0.00 otherwise), yuan; null before the first statement.',
  })
  shortfall!: string | null;
}

/** Custody on every EscrowAccount, batched by account (the latest statement per account, one query). */
@Resolver(() => EscrowAccountObject)
export class EscrowCustodyResolver {
  constructor(private readonly view: InstitutionEscrowService) {}

  @ResolveField(() => EscrowCustodyObject, {
    description: 'Custody (资金监管): required custody against the latest balance the bank reported.',
  })
  async custody(@Parent() account: AccountNode, @Context() ctx: GqlContext): Promise<EscrowCustodyObject> {
    const latest = await latestStatementLoader(ctx, this.view).load(account.id);
    const required = account.entity.requiredCustodyFen;
    const balance = latest?.closingFen ?? null;
    return {
      required: formatMoney(required),
      latestBalance: balance === null ? null : formatMoney(balance),
      latestStatementDate: latest?.statementDate ?? null,
      shortfall: balance === null ? null : formatMoney(required > balance ? required - balance : 0n),
    };
  }
}

const latestStatementLoader = (ctx: GqlContext, view: InstitutionEscrowService) =>
  ctx.loaders.get<string, LatestStatement | null>('escrow.latestStatement', (ids) => view.latestStatements(ids));
