import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Public } from '../../../platform/auth/decorators';
import { Unauthenticated } from '../../../platform/auth/auth.errors';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { byKey, groupByKey } from '../../../platform/graphql/loaders';
import { ByIdQuery } from '../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../platform/graphql/pagination';
import { uuidArg } from '../../../platform/graphql/uuid-arg.pipe';
import { School } from '../entities/school.entity';
import { Township } from '../entities/township.entity';
import { ReferenceQueries } from '../reference.queries';
import { SchoolsArgs } from './reference.inputs';
import {
  DepartmentDutyObject,
  DepartmentObject,
  GridCellObject,
  SchoolConnection,
  SchoolObject,
  TownshipObject,
} from './reference.objects';

@Resolver(() => TownshipObject)
export class TownshipResolver {
  constructor(private readonly reference: ReferenceQueries) {}

  @Public()
  @Query(() => [TownshipObject], { description: 'Townships and streets of the county (乡镇/街道); public' })
  townships(): Promise<Township[]> {
    return this.reference.listTownships();
  }

  @ResolveField(() => [GridCellObject], { description: 'Grid cells (网格) of the township' })
  grids(@Parent() township: Township, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get('reference.gridsByTownship', async (codes: readonly string[]) =>
        groupByKey(codes, await this.reference.gridsOfTownships(codes), (g) => g.townshipCode),
      )
      .load(township.code);
  }

  @ResolveField(() => [SchoolObject], {
    complexity: 10,
    description: 'Schools of the township the caller may see (needs a login)',
  })
  schools(@Parent() township: Township, @Context() ctx: GqlContext, @CurrentPrincipal() actor: Principal) {
    if (actor.kind !== 'user') throw new Unauthenticated();
    return ctx.loaders
      .get('reference.schoolsByTownship', async (codes: readonly string[]) =>
        groupByKey(codes, await this.reference.schoolsOfTownships(actor, codes), (s) => s.townshipCode),
      )
      .load(township.code);
  }
}

@Resolver(() => DepartmentObject)
export class DepartmentResolver {
  constructor(private readonly reference: ReferenceQueries) {}

  @Public()
  @Query(() => [DepartmentObject], {
    description: 'Member departments of the leading group with their duties (成员单位); public',
  })
  departments() {
    return this.reference.listDepartments();
  }

  @ResolveField(() => [DepartmentDutyObject], { description: 'Duties of the department (职责分工)' })
  duties(@Parent() department: DepartmentObject, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get('reference.dutiesByDepartment', async (codes: readonly string[]) =>
        groupByKey(codes, await this.reference.dutiesOfDepartments(codes), (d) => d.departmentCode),
      )
      .load(department.code);
  }
}

@Resolver(() => SchoolObject)
export class SchoolResolver {
  constructor(private readonly reference: ReferenceQueries) {}

  @Query(() => SchoolConnection, {
    description: 'Schools (学校) the caller may see, by township or name',
    complexity: pagedComplexity,
  })
  schools(@CurrentPrincipal() actor: Principal, @Args() args: SchoolsArgs): Promise<Connection<School>> {
    return this.reference.listSchools(actor, args.filter ?? {}, args);
  }

  @ByIdQuery(() => SchoolObject, { node: () => School, description: 'A school the caller may see' })
  school(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the school' }, uuidArg()) id: string,
  ): Promise<School> {
    return this.reference.getSchool(actor, id);
  }

  @ResolveField(() => TownshipObject, { description: 'The township or street (乡镇/街道) the school is in' })
  township(@Parent() school: School, @Context() ctx: GqlContext) {
    return ctx.loaders
      .get('reference.townshipByCode', async (codes: readonly string[]) =>
        byKey(codes, await this.reference.townshipsByCodes(codes), (t) => t.code),
      )
      .load(school.townshipCode);
  }
}
