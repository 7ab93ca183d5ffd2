import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject } from '../../registry';
import { SupervisionQueries } from '../supervision.queries';

/** Open supervision work on the registry's Institution (the front end's list), one count query per page. */
@Resolver(() => InstitutionObject)
export class InstitutionTasksResolver {
  constructor(private readonly tasks: SupervisionQueries) {}

  @ResolveField(() => Int, {
    description:
      'Supervision tasks on the institution not yet accepted, closed or cancelled, among those the caller may see',
  })
  openTaskCount(
    @CurrentPrincipal() actor: Principal,
    @Parent() institution: InstitutionObject,
    @Context() ctx: GqlContext,
  ): Promise<number> {
    return ctx.loaders
      .get<string, number>('supervision.openTaskCount', (ids) => this.tasks.openTaskCounts(actor, ids))
      .load(institution.id);
  }
}
