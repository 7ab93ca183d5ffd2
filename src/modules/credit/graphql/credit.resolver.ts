import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { CreditEntry } from '../entities/credit-entry.entity';
import { CreditRecord } from '../entities/credit-record.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { InstitutionSummary, RegistryFacade } from '../../registry';
import { APPROVER_ROLES, PROPOSER_ROLES, READER_ROLES, RECORDER_ROLES } from '../credit.access';
import { CreditEntryLifecycleService } from '../credit-entry-lifecycle.service';
import { CreditEntryService } from '../credit-entry.service';
import { CreditQueries } from '../credit.queries';
import { PublicCreditEntry } from '../credit-entry.types';
import { CreditRecordService } from '../credit-record.service';
import { CREDIT_REASONS } from '../data/credit-reasons';
import { CreditListKind } from '../entities/credit-entry.entity';
import { WhitelistEligibilityService } from '../whitelist-eligibility.service';
import { Clock } from '../../../platform/clock/clock';
import {
  ApproveCreditEntryInput,
  ApproveCreditEntryRemovalInput,
  CreditEntriesArgs,
  CreditRecordsArgs,
  ProposeCreditEntryInput,
  ProposeCreditEntryRemovalInput,
  PublicCreditListArgs,
  RecordCreditInput,
  RejectCreditEntryInput,
  RejectCreditEntryRemovalInput,
  RevokeCreditRecordInput,
} from './credit.inputs';
import { entryObject, recordObject } from './credit.mappers';
import {
  CreditEntryConnection,
  CreditEntryObject,
  CreditInstitutionObject,
  CreditReasonObject,
  CreditRecordConnection,
  CreditRecordObject,
  PublicCreditEntryConnection,
  WhitelistEligibilityObject,
} from './credit.objects';

const institutionObject = (s: InstitutionSummary): CreditInstitutionObject => ({
  id: s.id,
  name: s.name,
  creditCode: s.creditCode,
  townshipCode: s.townshipCode,
  status: s.status,
});

function institutionLoader(ctx: GqlContext, registry: RegistryFacade) {
  return ctx.loaders.get<string, InstitutionSummary | null>('credit.institution', async (ids) =>
    byKey(ids, await registry.getInstitutions(ids), (s) => s.id),
  );
}

/** Credit records (信用记录): officers' reads, manual records, revocation. */
@Resolver(() => CreditRecordObject)
export class CreditRecordResolver {
  constructor(
    private readonly records: CreditRecordService,
    private readonly queries: CreditQueries,
    private readonly registry: RegistryFacade,
  ) {}

  @Roles(...READER_ROLES)
  @Query(() => CreditRecordConnection, {
    description: 'Credit records (信用记录) in scope, newest first.',
    complexity: pagedComplexity,
  })
  async creditRecords(
    @CurrentPrincipal() actor: Principal,
    @Args() args: CreditRecordsArgs,
  ): Promise<Connection<CreditRecordObject>> {
    const page = await this.queries.listRecords(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: recordObject(e.node) })) };
  }

  @Roles(...READER_ROLES)
  @ByIdQuery(() => CreditRecordObject, {
    node: () => CreditRecord,
    description: 'One credit record (信用记录) in scope (CREDIT_RECORD_NOT_FOUND otherwise).',
  })
  async creditRecord(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the credit record.' }, uuidArg()) id: string,
  ): Promise<CreditRecordObject> {
    return recordObject(await this.queries.getRecord(actor, id));
  }

  @Roles(...RECORDER_ROLES)
  @Mutation(() => CreditRecordObject, { description: 'Records a violation or commendation by hand (人工录入).' })
  async recordCredit(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, what happened and the evidence.' }) input: RecordCreditInput,
  ): Promise<CreditRecordObject> {
    return recordObject(await this.records.record(actor, { ...input, severity: input.severity ?? null }));
  }

  @Roles(...APPROVER_ROLES)
  @Mutation(() => CreditRecordObject, {
    description: 'Revokes a mistaken credit record with a reason (records are never deleted).',
  })
  async revokeCreditRecord(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The record and why it is revoked.' }) input: RevokeCreditRecordInput,
  ): Promise<CreditRecordObject> {
    return recordObject(await this.records.revoke(actor, input.id, input.note));
  }

  @ResolveField(() => CreditInstitutionObject, {
    nullable: true,
    description: 'The institution (校外培训机构) of the record, as the credit module shows it; null if it is gone.',
  })
  async institution(
    @Parent() record: CreditRecordObject,
    @Context() ctx: GqlContext,
  ): Promise<CreditInstitutionObject | null> {
    const s = await institutionLoader(ctx, this.registry).load(record.institutionId);
    return s ? institutionObject(s) : null;
  }
}

/** List entries (黑白名单): officers' reads and the two-step decisions; the public list. */
@Resolver(() => CreditEntryObject)
export class CreditEntryResolver {
  constructor(
    private readonly entries: CreditEntryService,
    private readonly lifecycle: CreditEntryLifecycleService,
    private readonly queries: CreditQueries,
    private readonly eligibility: WhitelistEligibilityService,
    private readonly clock: Clock,
  ) {}

  @Roles(...READER_ROLES)
  @Query(() => CreditEntryConnection, {
    description: 'List entries (名单条目) in every state, in scope, newest first.',
    complexity: pagedComplexity,
  })
  async creditEntries(
    @CurrentPrincipal() actor: Principal,
    @Args() args: CreditEntriesArgs,
  ): Promise<Connection<CreditEntryObject>> {
    const page = await this.queries.list(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: entryObject(e.node) })) };
  }

  @Roles(...READER_ROLES)
  @ByIdQuery(() => CreditEntryObject, {
    node: () => CreditEntry,
    description: 'One list entry (名单条目) in scope (CREDIT_ENTRY_NOT_FOUND otherwise).',
  })
  async creditEntry(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the list entry.' }, uuidArg()) id: string,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.queries.get(actor, id));
  }

  @Roles(...READER_ROLES)
  @Query(() => WhitelistEligibilityObject, {
    description: 'Whether an institution qualifies for the white list (白名单条件) now, and why not.',
  })
  whitelistEligibility(
    @CurrentPrincipal() actor: Principal,
    @Args(
      'institutionId',
      { type: () => ID, description: 'Id of the institution (校外培训机构).' },
      uuidArg('institutionId'),
    )
    institutionId: string,
  ): Promise<WhitelistEligibilityObject> {
    return this.eligibility.check(actor, institutionId, this.clock.now());
  }

  @Public()
  @Query(() => [CreditReasonObject], {
    description: 'Reason categories of list entries and their durations (列入事由与期限), no login.',
  })
  creditReasons(): CreditReasonObject[] {
    return CREDIT_REASONS.map((r) => ({ ...r }));
  }

  @Public()
  @Query(() => PublicCreditEntryConnection, {
    description:
      'The published black or white list (黑白名单公示), no login: published entries and public fields only.',
    complexity: pagedComplexity,
  })
  publicCreditList(@Args() args: PublicCreditListArgs): Promise<Connection<PublicCreditEntry>> {
    return this.queries.publicList(
      {
        kind: args.filter.kind as unknown as CreditListKind.BLACK | CreditListKind.WHITE,
        townshipCode: args.filter.townshipCode,
        search: args.filter.search,
      },
      args,
    );
  }

  @Roles(...PROPOSER_ROLES)
  @Mutation(() => CreditEntryObject, {
    description: 'Proposes a list entry (名单条目); the first step, a second person approves.',
  })
  async proposeCreditEntry(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, the list, the reason and the evidence.' })
    input: ProposeCreditEntryInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.entries.propose(actor, { ...input, reasonCode: input.reasonCategory }));
  }

  @Roles(...APPROVER_ROLES)
  @Mutation(() => CreditEntryObject, {
    description:
      'Approves and publishes (公示) a proposed entry; a BLACK entry triggers joint punishment (联合惩戒). The approver is not the proposer.',
  })
  async approveCreditEntry(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The entry and an optional note.' }) input: ApproveCreditEntryInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.entries.approve(actor, input.id, input.note));
  }

  @Roles(...APPROVER_ROLES)
  @Mutation(() => CreditEntryObject, { description: 'Rejects a proposed list entry, with the reason.' })
  async rejectCreditEntry(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The entry and why it is rejected.' }) input: RejectCreditEntryInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.entries.reject(actor, input.id, input.note));
  }

  @Roles(...PROPOSER_ROLES)
  @Mutation(() => CreditEntryObject, {
    description:
      'Proposes removing a published entry on appeal (申诉) or credit repair (信用修复); a second person decides.',
  })
  async proposeCreditEntryRemoval(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The entry, the grounds, a note and the evidence.' })
    input: ProposeCreditEntryRemovalInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.lifecycle.proposeRemoval(actor, input.id, input));
  }

  @Roles(...APPROVER_ROLES)
  @Mutation(() => CreditEntryObject, {
    description: 'Approves the removal proposed for a list entry: it leaves the list (REMOVED).',
  })
  async approveCreditEntryRemoval(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The entry and an optional note.' }) input: ApproveCreditEntryRemovalInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.lifecycle.approveRemoval(actor, input.id, input.note));
  }

  @Roles(...APPROVER_ROLES)
  @Mutation(() => CreditEntryObject, {
    description: 'Rejects the removal proposed for a list entry, with the reason: it stays PUBLISHED.',
  })
  async rejectCreditEntryRemoval(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The entry and why the removal is rejected.' }) input: RejectCreditEntryRemovalInput,
  ): Promise<CreditEntryObject> {
    return entryObject(await this.lifecycle.rejectRemoval(actor, input.id, input.note));
  }
}
