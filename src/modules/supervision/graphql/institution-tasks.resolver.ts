import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GqlContext } from '../../../platform/graphql/context';
import { InstitutionObject } from '../../registry';
import { SupervisionService } from '../supervision.service';

/** Open supervision work on the registry's Institution (the front end's list), one count query per page. */
@Resolver(() => InstitutionObject)
export class InstitutionTasksResolver {
  constructor(private readonly tasks: SupervisionService) {}

  @ResolveField(() => Int, { description: 'Supervision tasks on the institution not yet accepted, closed or cancelled' })
  openTaskCount(@Parent() institution: InstitutionObject, @Context() ctx: GqlContext): Promise<number> {
    return ctx.loaders.get<string, number>('supervision.openTaskCount', (ids) => this.tasks.openTaskCounts(ids)).load(institution.id);
  }
}
