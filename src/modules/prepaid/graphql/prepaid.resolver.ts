import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { ByIdQuery } from '../../../platform/graphql/node';
import { PrepaidContract } from '../entities/prepaid-contract.entity';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { ContractService } from '../contract.service';
import { LessonService } from '../lesson.service';
import { READER_ROLES, WRITER_ROLES } from '../prepaid.access';
import { PrepaidQueries } from '../prepaid.queries';
import { PrepaidContractsArgs, RecordPrepaidLessonsInput, RegisterPrepaidContractInput } from './prepaid.inputs';
import { PrepaidMappers, lessonObject } from './prepaid.mappers';
import {
  PrepaidContractConnection,
  PrepaidContractObject,
  PrepaidLessonObject,
  RegisteredPrepaidContractObject,
} from './prepaid.objects';

/** Prepaid contracts (预付费 一课一消): the institution side and the regulators' read-only view. */
@Resolver(() => PrepaidContractObject)
export class PrepaidContractResolver {
  constructor(
    private readonly contracts: ContractService,
    private readonly lessonService: LessonService,
    private readonly queries: PrepaidQueries,
    private readonly mappers: PrepaidMappers,
  ) {}

  @Roles(...READER_ROLES)
  @Query(() => PrepaidContractConnection, {
    description: 'Prepaid contracts (预付费合同) in scope, newest first.',
    complexity: pagedComplexity,
  })
  async prepaidContracts(
    @CurrentPrincipal() actor: Principal,
    @Args() args: PrepaidContractsArgs,
  ): Promise<Connection<PrepaidContractObject>> {
    const page = await this.queries.contracts(actor, args.filter ?? {}, args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: this.mappers.contract(e.node) })) };
  }

  @Roles(...READER_ROLES)
  @ByIdQuery(() => PrepaidContractObject, {
    node: () => PrepaidContract,
    description: 'One prepaid contract in scope (PREPAID_CONTRACT_NOT_FOUND otherwise).',
  })
  async prepaidContract(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'Id of the prepaid contract.' }, uuidArg()) id: string,
  ): Promise<PrepaidContractObject> {
    return this.mappers.contract(await this.queries.contract(actor, id));
  }

  @Roles(...WRITER_ROLES)
  @Mutation(() => RegisteredPrepaidContractObject, {
    description: 'Registers a prepaid contract (合同备案); the answer carries the contract code, shown this once.',
  })
  async registerPrepaidContract(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The contract as signed.' }) input: RegisterPrepaidContractInput,
  ): Promise<RegisteredPrepaidContractObject> {
    const { contract, contractCode } = await this.contracts.register(actor, input);
    return { contractCode, contract: this.mappers.contract(contract) };
  }

  @Roles(...WRITER_ROLES)
  @Mutation(() => PrepaidLessonObject, { description: 'Records lessons taught against a contract (消课).' })
  async recordPrepaidLessons(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The contract, the day and the lessons.' }) input: RecordPrepaidLessonsInput,
  ): Promise<PrepaidLessonObject> {
    return lessonObject(await this.lessonService.record(actor, input));
  }

  @ResolveField(() => [PrepaidLessonObject], { description: 'Lesson records (消课记录), in the order taught.' })
  async lessons(@Parent() contract: PrepaidContractObject, @Context() ctx: GqlContext): Promise<PrepaidLessonObject[]> {
    const loader = ctx.loaders.get<string, PrepaidLessonObject[]>('prepaid.lessons', async (ids) => {
      const rows = await this.queries.lessonsOf(ids);
      return ids.map((id) => rows.filter((l) => l.contractId === id).map(lessonObject));
    });
    return loader.load(contract.id);
  }
}
