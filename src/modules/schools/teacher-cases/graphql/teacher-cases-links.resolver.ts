import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { GqlContext } from '../../../../platform/graphql/context';
import { groupByKey } from '../../../../platform/graphql/loaders';
import { ComplaintObject, ComplaintsFacade } from '../../../complaints';
import { ReferenceFacade, SchoolObject } from '../../../reference';
import { InstitutionObject, RegistryFacade } from '../../../registry';
import { TeacherCaseReadService } from '../teacher-case-read.service';
import { TeacherCaseService } from '../teacher-case.service';
import { TeacherCaseObject, TeacherRecordObject } from './teacher-cases.objects';

/** The case's school, institution, complaint and the teacher's record as objects (one scoped statement per page each). */
@Resolver(() => TeacherCaseObject)
export class TeacherCaseLinksResolver {
  constructor(
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly reads: TeacherCaseReadService,
    private readonly cases: TeacherCaseService,
  ) {}

  @ResolveField(() => SchoolObject, {
    nullable: true,
    description: 'The school (学校) of `schoolId`; null when the caller may not read it.',
  })
  school(@CurrentPrincipal() actor: Principal, @Parent() c: TeacherCaseObject, @Context() ctx: GqlContext) {
    return this.reference.schoolLink(ctx.loaders, actor, c.schoolId);
  }

  @ResolveField(() => InstitutionObject, {
    nullable: true,
    description: 'The institution (培训机构) of `institutionId`; null when none or the caller may not read it.',
  })
  institution(@CurrentPrincipal() actor: Principal, @Parent() c: TeacherCaseObject, @Context() ctx: GqlContext) {
    return this.registry.institutionLink(ctx.loaders, actor, c.institutionId);
  }

  @ResolveField(() => ComplaintObject, {
    nullable: true,
    description: 'The complaint (投诉) of `complaintId`; null when none or the caller may not read it.',
  })
  complaint(@CurrentPrincipal() actor: Principal, @Parent() c: TeacherCaseObject, @Context() ctx: GqlContext) {
    return this.complaints.complaintLink(ctx.loaders, actor, c.complaintId);
  }

  @ResolveField(() => TeacherRecordObject, {
    description: "The teacher's record (教师违规记录) by `rosterHash`: every case of the teacher the caller may read.",
  })
  async teacherRecord(
    @CurrentPrincipal() actor: Principal,
    @Parent() c: TeacherCaseObject,
    @Context() ctx: GqlContext,
  ): Promise<TeacherRecordObject> {
    const cases = await ctx.loaders
      .get('schools.teacher-record', async (hashes: readonly string[]) =>
        groupByKey(hashes, await this.reads.casesOfHashes(actor, hashes), (x) => x.rosterHash),
      )
      .load(c.rosterHash);
    return TeacherRecordObject.from(c.rosterHash, cases, this.cases.today());
  }
}
