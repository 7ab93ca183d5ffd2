import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { Course } from '../entities/course.entity';
import { AnnualReviewService } from '../annual-review.service';
import { CourseService } from '../course.service';
import { MaterialService } from '../material.service';
import { PremisesService } from '../premises.service';
import { StaffService } from '../staff.service';
import { COMMAND_ROLES, READ_ROLES } from '../registry.access';
import {
  AddCourseInput,
  AddPremisesInput,
  AddStaffInput,
  EndCourseInput,
  EndStaffEmploymentInput,
  PremisesSafetyInput,
  RecordAnnualReviewInput,
  RecordPremisesCheckInput,
  ReviewMaterialInput,
  SetAnnualReviewChecklistInput,
  SubmitMaterialInput,
  UpdateStaffBackgroundCheckInput,
} from './registry.inputs';
import {
  AnnualReviewChecklistObject,
  AnnualReviewObject,
  CourseObject,
  PremisesObject,
  StaffObject,
  TrainingMaterialObject,
} from './registry.objects';

/** An institution's premises, staff, courses, materials and annual reviews. */
@Resolver(() => CourseObject)
export class RecordsResolver {
  constructor(
    private readonly premisesService: PremisesService,
    private readonly staffService: StaffService,
    private readonly courseService: CourseService,
    private readonly materialService: MaterialService,
    private readonly reviewService: AnnualReviewService,
  ) {}

  @ResolveField(() => [DateScalar], {
    description: 'Public holidays on which a weekly subject lesson falls and is not held.',
  })
  skippedHolidayDates(@Parent() course: CourseObject): Promise<string[]> {
    return this.courseService.skippedHolidayDates(course as unknown as Course);
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => PremisesObject, {
    description: 'Add premises (办学场所) to an institution; its checks start PENDING.',
  })
  addPremises(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and the premises.' }) input: AddPremisesInput,
  ): Promise<PremisesObject> {
    return this.premisesService.addPremises(actor, input.institutionId, input);
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => PremisesObject, {
    description:
      "Record a fire design review/acceptance, fire inspection or health inspection result: the department holding the check's duty (HOUSING, FIRE_RESCUE, HEALTH), the licensing department or the county office.",
  })
  recordPremisesCheck(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The premises, the check and its result.' }) input: RecordPremisesCheckInput,
  ): Promise<PremisesObject> {
    return this.premisesService.recordPremisesCheck(
      actor,
      input.premisesId,
      input.check,
      input.result,
      input.date ?? null,
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => PremisesObject, { description: 'Set the safety measures of premises (人防/物防/技防).' })
  updatePremisesSafety(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The premises and its safety measures.' }) input: PremisesSafetyInput,
  ): Promise<PremisesObject> {
    return this.premisesService.updatePremisesSafety(actor, input.premisesId, input);
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => StaffObject, {
    description: 'Register a staff member (从业人员); checked against the in-service teacher roster and the blacklist.',
  })
  async addStaff(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and the person.' }) input: AddStaffInput,
  ): Promise<StaffObject> {
    return StaffObject.from(await this.staffService.addStaff(actor, input.institutionId, input));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => StaffObject, {
    description:
      'Complete (or correct) a staff member’s background check (背景审查): CLEARED or FAILED on a date, with a reason; the licensing department or the county office.',
  })
  async updateStaffBackgroundCheck(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The staff member, the result, its day and why.' })
    input: UpdateStaffBackgroundCheckInput,
  ): Promise<StaffObject> {
    return StaffObject.from(
      await this.staffService.updateStaffBackgroundCheck(actor, input.staffId, input.result, input.date, input.reason),
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => StaffObject, {
    description:
      'End a staff member’s employment (离职) on a date, with a reason: the person is no longer current staff (active false); the licensing department or the county office.',
  })
  async endStaffEmployment(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The staff member, the last day and why.' }) input: EndStaffEmploymentInput,
  ): Promise<StaffObject> {
    return StaffObject.from(await this.staffService.endStaffEmployment(actor, input.staffId, input.date, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => CourseObject, {
    description:
      'End a course early: its term ends on endDate (not later than planned), e.g. subject courses before convertToNonSubject; the licensing department or the county office.',
  })
  async endCourse(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The course, its new last day and why.' }) input: EndCourseInput,
  ): Promise<CourseObject> {
    return CourseObject.from(await this.courseService.endCourse(actor, input.courseId, input.endDate, input.reason));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => CourseObject, {
    description: 'Add a course (课程); its schedule is checked against the training-time rules.',
  })
  async addCourse(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and the course.' }) input: AddCourseInput,
  ): Promise<CourseObject> {
    return CourseObject.from(await this.courseService.addCourse(actor, input.institutionId, input));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => TrainingMaterialObject, {
    description: 'Submit training material (培训材料) or an enrolment ad (招生广告) for review.',
  })
  submitTrainingMaterial(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution and the material.' }) input: SubmitMaterialInput,
  ): Promise<TrainingMaterialObject> {
    return this.materialService.submitMaterial(actor, input.institutionId, input);
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => TrainingMaterialObject, {
    description:
      'Approve or reject (with reasons) submitted material: the licensing department or the county office; an enrolment ad also the department holding the ADVERTISING duty.',
  })
  reviewTrainingMaterial(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The material and the decision.' }) input: ReviewMaterialInput,
  ): Promise<TrainingMaterialObject> {
    return this.materialService.reviewMaterial(actor, input.id, input.decision, input.reasons ?? null);
  }

  @Roles(...READ_ROLES)
  @Query(() => AnnualReviewChecklistObject, {
    nullable: true,
    description: 'The annual review checklist (年审年检评分表) of a year; null if none is set.',
  })
  async annualReviewChecklist(
    @Args('year', { type: () => Int, description: 'The year.' }) year: number,
  ): Promise<AnnualReviewChecklistObject | null> {
    const c = await this.reviewService.checklist(year);
    return c ? AnnualReviewChecklistObject.from(c) : null;
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => AnnualReviewChecklistObject, {
    description: 'Set the scored checklist of a year (年审年检评分表), replacing any earlier one.',
  })
  async setAnnualReviewChecklist(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The year, its items and pass marks.' }) input: SetAnnualReviewChecklistInput,
  ): Promise<AnnualReviewChecklistObject> {
    return AnnualReviewChecklistObject.from(
      await this.reviewService.setChecklist(actor, input.year, input.items, input.passScore, input.basicPassScore),
    );
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => AnnualReviewObject, {
    description: 'Score an institution against the year’s checklist (年审年检) → PASS / BASIC_PASS / FAIL.',
  })
  async recordAnnualReview(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The institution, the year and the scores.' }) input: RecordAnnualReviewInput,
  ): Promise<AnnualReviewObject> {
    return AnnualReviewObject.from(
      await this.reviewService.recordAnnualReview(
        actor,
        input.institutionId,
        input.year,
        input.scores,
        input.remarks ?? null,
      ),
    );
  }
}
