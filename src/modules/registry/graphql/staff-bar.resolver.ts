import { Args, ArgsType, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { Connection, PageArgs, Paginated, pagedComplexity } from '../../../platform/graphql/pagination';
import { COMMAND_ROLES, READ_ROLES } from '../registry.access';
import { MAX_BAR_YEARS, StaffBarService, StaffBarView } from '../staff-bar.service';

@ObjectType('StaffBar', {
  description: 'A person on the staff blacklist (从业人员黑名单), barred from off-campus training.',
})
export class StaffBarObject {
  @Field(() => ID, { description: 'Id of the bar.' }) id!: string;
  @Field({ description: 'Full name of the person barred.' }) name!: string;
  @Field({ description: 'Resident ID number masked, e.g. 5201**********123X.' }) idNumberMasked!: string;
  @Field({ description: 'The red-line behaviour and the decision.' }) reason!: string;
  @Field(() => DateScalar, { description: 'First day of the bar.' }) barredFrom!: string;
  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day the person may work again; null: barred for life (终身禁入).',
  })
  barredUntil!: string | null;
  @Field(() => ID, { nullable: true, description: 'Id of the staff record the bar was decided on, if any.' })
  staffId!: string | null;
  @Field({ description: 'In force today (not lifted, not expired).' }) inForce!: boolean;
  @Field({ description: 'Username of the person who decided the bar.' }) createdBy!: string;
  @Field({ description: 'When the bar was recorded.' }) createdAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the bar was lifted as decided by mistake (撤销); null if not.',
  })
  liftedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the bar was lifted; null if not lifted.' })
  liftedReason!: string | null;

  static from(b: StaffBarView): StaffBarObject {
    return Object.assign(new StaffBarObject(), {
      id: b.id,
      name: b.name,
      idNumberMasked: b.idNumberMasked,
      reason: b.reason,
      barredFrom: b.barredFrom,
      barredUntil: b.barredUntil,
      staffId: b.staffId,
      inForce: b.inForce,
      createdBy: b.createdBy,
      createdAt: b.createdAt,
      liftedAt: b.liftedAt,
      liftedReason: b.liftedReason,
    });
  }
}

const StaffBarConnection = Paginated(StaffBarObject, 'StaffBar');

@InputType({ description: 'Bar a person from off-campus training: a staff record, or an ID number with the name.' })
export class BarStaffMemberInput {
  @Field(() => ID, { nullable: true, description: 'Id of the staff record of the person; or give idNumber and name.' })
  @IsOptional()
  @IsUUID()
  staffId?: string;
  @Field(() => String, {
    nullable: true,
    description: 'Resident ID number (身份证号), when the person is not (or no longer) registered staff.',
  })
  @IsOptional()
  @IsString()
  @Length(15, 20)
  idNumber?: string;
  @Field(() => String, { nullable: true, description: 'Full name of the person; required with idNumber.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
  @Field({ description: 'The red-line behaviour and the decision (e.g. 体罚学生，情节严重).' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
  @Field(() => Int, { nullable: true, description: `Years barred, 1–${MAX_BAR_YEARS}; or forLife.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BAR_YEARS)
  years?: number;
  @Field(() => Boolean, { nullable: true, description: 'Barred for life (终身禁入), for especially serious cases.' })
  @IsOptional()
  @IsBoolean()
  forLife?: boolean;
}

@InputType({ description: 'Lift a bar decided by mistake (撤销).' })
export class LiftStaffBarInput {
  @Field(() => ID, { description: 'Id of the bar.' }) @IsUUID() id!: string;
  @Field({ description: 'Why the bar was a mistake.' }) @IsString() @Length(1, 1000) reason!: string;
}

@InputType({ description: 'Narrows the staff blacklist; absent fields do not narrow it.' })
export class StaffBarFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only bars in force today (true) or only the others (false).' })
  @IsOptional()
  @IsBoolean()
  inForce?: boolean;
  @Field(() => String, { nullable: true, description: 'Part of the name of the person barred.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

@ArgsType()
class StaffBarsArgs extends PageArgs {
  @Field(() => StaffBarFilter, { nullable: true, description: 'Narrows the list; absent: every bar.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StaffBarFilter)
  filter?: StaffBarFilter;
}

/** The staff blacklist (从业人员黑名单). */
@Resolver(() => StaffBarObject)
export class StaffBarResolver {
  constructor(private readonly bars: StaffBarService) {}

  @Roles(...READ_ROLES)
  @Query(() => StaffBarConnection, {
    description: 'The staff blacklist (从业人员黑名单), newest first; readers of the registry.',
    complexity: pagedComplexity,
  })
  async staffBars(@Args() args: StaffBarsArgs): Promise<Connection<StaffBarObject>> {
    const page = await this.bars.list({ inForce: args.filter?.inForce, name: args.filter?.name }, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: StaffBarObject.from(e.node) })) };
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => StaffBarObject, {
    description:
      'Put a person on the staff blacklist (从业人员黑名单) for 1–5 years or for life (licensing department or county office); registering them as staff is then refused (STAFF_BARRED).',
  })
  async barStaffMember(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'Who is barred, why and for how long.' }) input: BarStaffMemberInput,
  ): Promise<StaffBarObject> {
    return StaffBarObject.from(await this.bars.bar(actor, input));
  }

  @Roles(...COMMAND_ROLES)
  @Mutation(() => StaffBarObject, {
    description: 'Lift a bar decided by mistake (撤销), with the reason (licensing department or county office).',
  })
  async liftStaffBar(
    @CurrentPrincipal() actor: Principal,
    @Args('input', { description: 'The bar and why it was a mistake.' }) input: LiftStaffBarInput,
  ): Promise<StaffBarObject> {
    return StaffBarObject.from(await this.bars.lift(actor, input.id, input.reason));
  }
}
