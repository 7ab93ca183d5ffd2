import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../../platform/auth/decorators';
import { Principal } from '../../../../platform/auth/principal';
import { Role } from '../../../../platform/auth/role';
import { ByIdQuery } from '../../../../platform/graphql/node';
import { Connection, pagedComplexity } from '../../../../platform/graphql/pagination';
import { uuidArg } from '../../../../platform/graphql/uuid-arg.pipe';
import { TeacherCase } from '../entities/teacher-case.entity';
import { TeacherCaseReadService } from '../teacher-case-read.service';
import { TeacherCaseService } from '../teacher-case.service';
import { TEACHER_CASE_READERS } from '../teacher-cases.access';
import {
  OpenTeacherCaseInput,
  RecordTeacherCaseOutcomeInput,
  TeacherCasesArgs,
  TeacherRecordArgs,
} from './teacher-cases.inputs';
import { TeacherCaseConnection, TeacherCaseObject, TeacherRecordObject } from './teacher-cases.objects';

/** Cases against serving teachers who tutor for pay (在职教师有偿补课案件): reads, opening from a complaint, outcome. */
@Resolver(() => TeacherCaseObject)
export class TeacherCaseResolver {
  constructor(
    private readonly reads: TeacherCaseReadService,
    private readonly cases: TeacherCaseService,
  ) {}

  @Roles(...TEACHER_CASE_READERS)
  @Query(() => TeacherCaseConnection, {
    description:
      "Cases against serving teachers (在职教师有偿补课案件) in the caller's scope, newest first: EDU and the county office all, the discipline commission the referred ones, a township its schools, a school its own.",
    complexity: pagedComplexity,
  })
  async teacherCases(
    @CurrentPrincipal() actor: Principal,
    @Args() args: TeacherCasesArgs,
  ): Promise<Connection<TeacherCaseObject>> {
    const today = this.cases.today();
    const page = await this.reads.list(actor, args.filter ?? {}, args, today);
    return {
      ...page,
      edges: page.edges.map((e) => ({ cursor: e.cursor, node: TeacherCaseObject.from(e.node, today) })),
    };
  }

  @Roles(...TEACHER_CASE_READERS)
  @ByIdQuery(() => TeacherCaseObject, {
    node: () => TeacherCase,
    description: "A case against a serving teacher (在职教师有偿补课案件) in the caller's scope.",
  })
  async teacherCase(
    @CurrentPrincipal() actor: Principal,
    @Args('id', { type: () => ID, description: 'The id of the case.' }, uuidArg()) id: string,
  ): Promise<TeacherCaseObject> {
    return TeacherCaseObject.from(await this.reads.get(actor, id), this.cases.today());
  }

  @Roles(...TEACHER_CASE_READERS)
  @Query(() => TeacherRecordObject, {
    description:
      "A serving teacher's record of cases (教师违规记录) by roster teacher or roster hash: the cases the caller may read, newest first.",
  })
  async teacherRecord(
    @CurrentPrincipal() actor: Principal,
    @Args() args: TeacherRecordArgs,
  ): Promise<TeacherRecordObject> {
    const found = await this.reads.record(actor, args);
    return TeacherRecordObject.from(found.rosterHash, found.cases, this.cases.today());
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => TeacherCaseObject, {
    description:
      'Opens a case against a roster teacher from an accepted paid-tutoring complaint (投诉立案); an EDU officer or the county office. Once per teacher and complaint: asked again, the case already opened is returned.',
  })
  async openTeacherCase(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The complaint, the teacher and a note' }) input: OpenTeacherCaseInput,
  ): Promise<TeacherCaseObject> {
    return TeacherCaseObject.from(await this.cases.openFromComplaint(actor, input), this.cases.today());
  }

  @Roles(Role.DEPARTMENT_OFFICER, Role.COUNTY_ADMIN)
  @Mutation(() => TeacherCaseObject, {
    description:
      "Records the Education Bureau's outcome of an open teacher case with its reasons (处理决定); an EDU officer or the county office. Final; a referral notifies the discipline commission.",
  })
  async recordTeacherCaseOutcome(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The case, the outcome and its reasons' }) input: RecordTeacherCaseOutcomeInput,
  ): Promise<TeacherCaseObject> {
    return TeacherCaseObject.from(await this.cases.recordOutcome(actor, input), this.cases.today());
  }
}
