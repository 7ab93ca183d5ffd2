import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, Matches } from 'class-validator';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { EscrowAlertTypeEnum } from '../../escrow';
import { InstitutionCategory } from '../../registry';
import { DashboardKpi } from '../dashboard.service';

registerEnumType(DashboardKpi, {
  name: 'DashboardKpi',
  description: 'A dashboard KPI with a monthly trend (dashboardTrend).',
  valuesMap: {
    SUBJECT_INSTITUTIONS_REMAINING: {
      description: 'For-profit subject institutions not yet closed (学科类机构压减), a count; target 0.',
    },
    ESCROW_COVERAGE: { description: 'Operating institutions with an escrow account in use (资金监管全覆盖), a rate.' },
    HOMEWORK_PUBLICITY: { description: 'Class-days with homework published (作业公示), a rate over the month.' },
    COMPLAINTS_RECEIVED: { description: 'Complaints received (投诉受理量) in the month, a count.' },
    SUPERVISION_OVERDUE: { description: 'Supervision tasks being worked on and past due (督导逾期), a count.' },
    COMPLAINT_SATISFACTION: {
      description: 'Satisfied or basically satisfied among rated complaints closed in the month (满意率), a rate.',
    },
  },
});

const TOWNSHIP = /^\d{9,12}$/;

@ObjectType('DashboardRatio', { description: 'A KPI as numerator / denominator against its target' })
class DashboardRatioObject {
  @Field(() => Int, { description: 'What is counted (e.g. institutions with an account in use).' }) numerator!: number;
  @Field(() => Int, { description: 'What it is counted against (e.g. operating institutions).' }) denominator!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'The rate, numerator / denominator (4 decimals); null when the denominator is 0.',
  })
  rate!: number | null;
  @Field(() => Float, { description: 'The seed target (1 = 100 %)' }) target!: number;
}

@ObjectType('DashboardLevelCount', { description: 'How many overdue items are at one escalation level.' })
class LevelCountObject {
  @Field(() => Int, { description: 'Escalation level 0–3 (0: past due, not yet escalated by the sweep)' })
  level!: number;
  @Field(() => Int, { description: 'Items at the level.' }) count!: number;
}

@ObjectType('DashboardOverdueByTownship', { description: 'Overdue items of one township, by escalation level' })
class OverdueByTownshipObject {
  @Field(() => String, { nullable: true, description: 'The township; null for county-level tasks (no township)' })
  townshipCode!: string | null;
  @Field(() => Int, { description: 'Overdue items of the township.' }) count!: number;
  @Field(() => [LevelCountObject], { description: 'The count per escalation level, levels with none left out' })
  byLevel!: LevelCountObject[];
}

@ObjectType('DashboardOverdueByDepartment', { description: 'Overdue items led by one department, by escalation level' })
class OverdueByDepartmentObject {
  @Field({
    description: 'The lead department (co-operating departments are not counted, so the groups add up to the total)',
  })
  departmentCode!: string;
  @Field(() => Int, { description: 'Overdue items the department leads.' }) count!: number;
  @Field(() => [LevelCountObject], { description: 'The count per escalation level, levels with none left out' })
  byLevel!: LevelCountObject[];
}

@ObjectType('DashboardPartyCoverage', {
  description: 'Party-building coverage (两个全覆盖) of the operating institutions of one township',
})
class PartyCoverageObject {
  @Field({ description: 'The township (乡镇/街道).' }) townshipCode!: string;
  @Field(() => DashboardRatioObject, { description: 'With party organisation coverage (党的组织覆盖) / operating' })
  organisation!: DashboardRatioObject;
  @Field(() => DashboardRatioObject, { description: 'With party work coverage (党的工作覆盖) / operating' })
  work!: DashboardRatioObject;
}

@ObjectType('DashboardThreeHundredPercent', {
  description: '"三个100%": homework publicity, homework duration compliance, after-school coverage',
})
class ThreeHundredPercentObject {
  @Field(() => DashboardRatioObject, {
    description:
      'Daily publicity per class (作业公示): class-days published / class-days expected, in the period (see homeworkComplianceBySchool)',
  })
  homeworkPublicity!: DashboardRatioObject;
  @Field(() => DashboardRatioObject, {
    description: 'Class-days within the grade limit / class-days reported (作业时长达标), in the period',
  })
  homeworkDurationCompliance!: DashboardRatioObject;
  @Field(() => DashboardRatioObject, {
    description: 'Students served / students asking for after-school service (课后服务覆盖), in the semester',
  })
  afterSchoolCoverage!: DashboardRatioObject;
  @Field({ description: 'The semester of asOf the coverage is for (2026-1 autumn, 2026-2 spring)' }) semester!: string;
}

@ObjectType('DashboardCategoryCount', { description: 'How many operating institutions are of one category.' })
class CategoryCountObject {
  @Field(() => InstitutionCategory, { description: 'The category: subject or non-subject training (学科类/非学科类).' })
  category!: string;
  @Field(() => Int, { description: 'Operating institutions of the category.' }) count!: number;
}

@ObjectType('DashboardRegistry', { description: 'Institution registry (机构登记) figures, now' })
class RegistrySectionObject {
  @Field(() => Int, { description: 'For-profit subject institutions not yet closed (压减, target 0)' })
  subjectInstitutionsRemaining!: number;
  @Field(() => [CategoryCountObject], { description: 'Operating institutions by category' })
  operatingByCategory!: CategoryCountObject[];
  @Field(() => Int, { description: 'Unlicensed/variant training leads open' }) unlicensedLeadsOpen!: number;
  @Field(() => Int, { description: 'Of them, open past the clearance deadline (动态清零)' })
  unlicensedLeadsOverdue!: number;
  @Field(() => DashboardRatioObject, {
    description: 'Operating institutions with party organisation coverage (党的组织覆盖) / operating institutions',
  })
  partyOrganisationCoverage!: DashboardRatioObject;
  @Field(() => DashboardRatioObject, {
    description: 'Operating institutions with party work coverage (党的工作覆盖) / operating institutions',
  })
  partyWorkCoverage!: DashboardRatioObject;
  @Field(() => [PartyCoverageObject], {
    description: 'Both coverages (两个全覆盖) per township with operating institutions (a township officer: their own)',
  })
  partyCoverageByTownship!: PartyCoverageObject[];
}

@ObjectType('DashboardAlertCount', {
  description: 'How many escrow alerts (资金监管预警) of one type are not yet resolved.',
})
class AlertCountObject {
  @Field(() => EscrowAlertTypeEnum, { description: 'The alert type.' })
  type!: string;
  @Field(() => Int, { description: 'Alerts of the type not yet resolved.' }) count!: number;
}

@ObjectType('DashboardEscrow', { description: 'Fund escrow (资金监管) figures, now' })
class EscrowSectionObject {
  @Field(() => DashboardRatioObject, {
    description: 'Operating institutions with an account in use / operating institutions (全覆盖)',
  })
  coverage!: DashboardRatioObject;
  @Field({ description: 'Required custody of the accounts in use, yuan (two decimals)' }) totalCustody!: string;
  @Field(() => [AlertCountObject], { description: 'Alerts not yet resolved, by type' })
  openAlertsByType!: AlertCountObject[];
}

@ObjectType('DashboardCredit', { description: 'Black/white/grey lists (黑白名单): entries published, now' })
class CreditSectionObject {
  @Field(() => Int, { description: 'Black-list entries (黑名单) in force.' }) black!: number;
  @Field(() => Int, { description: 'White-list entries (白名单) in force.' }) white!: number;
  @Field(() => Int, { description: 'Grey-list entries (灰名单, 重点关注) in force.' }) grey!: number;
}

@ObjectType('DashboardComplaints', { description: 'Complaints (投诉/信访) of the period' })
class ComplaintsSectionObject {
  @Field(() => Int, { description: 'Received in the period' }) received!: number;
  @Field(() => Int, { description: 'Closed in the period' }) closed!: number;
  @Field(() => Int, { description: 'Received in the period that went past a deadline' }) overdue!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      'Satisfaction rate (满意率): 满意 + 基本满意 / rated, of those closed in the period; null when none was rated.',
  })
  satisfactionRate!: number | null;
  @Field(() => Int, {
    description:
      'Past a pending statutory deadline (ROUTE, ACCEPT, HANDLE, REVIEW) at the end of asOf, whenever received (current records)',
  })
  pendingOverdue!: number;
  @Field(() => [OverdueByTownshipObject], {
    description:
      'The pendingOverdue complaints by township; the level is the highest marked on a pending deadline past due.',
  })
  pendingOverdueByTownship!: OverdueByTownshipObject[];
  @Field(() => [OverdueByDepartmentObject], {
    description: 'The pendingOverdue complaints by lead department (co-operating departments not counted).',
  })
  pendingOverdueByDepartment!: OverdueByDepartmentObject[];
}

@ObjectType('DashboardDepartmentCount', { description: 'How many open supervision tasks one department leads.' })
class DepartmentCountObject {
  @Field({ description: 'The lead department, by code.' }) departmentCode!: string;
  @Field(() => Int, { description: 'Open tasks it leads.' }) count!: number;
}

@ObjectType('DashboardSupervision', { description: 'Supervision tasks (督导检查), as of the end of asOf' })
class SupervisionSectionObject {
  @Field(() => Int, { description: 'Open (assigned, in progress, submitted, returned)' }) open!: number;
  @Field(() => [LevelCountObject], { description: 'Being worked on and past due, by escalation level' })
  overdueByLevel!: LevelCountObject[];
  @Field(() => [DepartmentCountObject], { description: 'Open, by lead department' })
  openByDepartment!: DepartmentCountObject[];
  @Field(() => [OverdueByTownshipObject], {
    description: 'Being worked on and past due, by township, each by escalation level',
  })
  overdueByTownship!: OverdueByTownshipObject[];
  @Field(() => [OverdueByDepartmentObject], {
    description:
      'Being worked on and past due, by lead department (co-operating departments not counted), each by escalation level',
  })
  overdueByDepartment!: OverdueByDepartmentObject[];
}

@ObjectType('Dashboard', { description: 'County dashboard (县"双减"工作看板): the seed targets as live KPIs' })
export class DashboardObject {
  @Field(() => String, { nullable: true, description: 'The township, or null for the county' }) townshipCode!:
    string | null;
  @Field(() => DateScalar, {
    description:
      'The day the figures are for (YYYY-MM-DD): the period runs from the first of its month to it, inclusive.',
  })
  asOf!: string;
  @Field(() => DateScalar, { description: 'First day of the period (YYYY-MM-DD): the first of the month of asOf.' })
  periodFrom!: string;
  @Field(() => ThreeHundredPercentObject, { description: 'The three 100 % targets (三个100%) of the period.' })
  threeHundredPercent!: ThreeHundredPercentObject;
  @Field(() => RegistrySectionObject, { description: 'Institution registry (机构登记) figures, now.' })
  registry!: RegistrySectionObject;
  @Field(() => EscrowSectionObject, { description: 'Fund escrow (资金监管) figures, now.' })
  escrow!: EscrowSectionObject;
  @Field(() => CreditSectionObject, { description: 'Black/white/grey list (黑白名单) figures, now.' })
  credit!: CreditSectionObject;
  @Field(() => ComplaintsSectionObject, { description: 'Complaint (投诉/信访) figures of the period.' })
  complaints!: ComplaintsSectionObject;
  @Field(() => SupervisionSectionObject, { description: 'Supervision task (督导检查) figures as of the end of asOf.' })
  supervision!: SupervisionSectionObject;
}

@ObjectType('DashboardTrendPoint', { description: 'A KPI as of a month end (or today for the current month)' })
export class TrendPointObject {
  @Field({ description: 'The month, written YYYY-MM (e.g. 2026-11).' }) month!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'The count, or the rate for ratio KPIs; null for months not begun',
  })
  value!: number | null;
  @Field(() => Int, { nullable: true, description: 'Ratio KPIs only' }) numerator!: number | null;
  @Field(() => Int, { nullable: true, description: 'Ratio KPIs only' }) denominator!: number | null;
}

@ArgsType()
export class DashboardArgs {
  @Field({ nullable: true, description: 'A township code; none: the county (a township officer: their own)' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The day the figures are for (YYYY-MM-DD), not after today; default today (China Standard Time).',
  })
  @IsOptional()
  @IsString()
  asOf?: string;
}

@ArgsType()
export class DashboardTrendArgs {
  @Field(() => DashboardKpi, { description: 'The KPI to trace.' })
  @IsEnum(DashboardKpi)
  kpi!: DashboardKpi;

  @Field(() => DateScalar, { description: 'A day (YYYY-MM-DD) whose month is the first point.' })
  @IsString()
  from!: string;

  @Field(() => DateScalar, {
    description: 'A day (YYYY-MM-DD) whose month is the last point; not before from, at most 36 months after it.',
  })
  @IsString()
  to!: string;

  @Field({ nullable: true, description: 'A township code; none: the county (a township officer: their own)' })
  @IsOptional()
  @Matches(TOWNSHIP, { message: 'townshipCode must be a township code' })
  townshipCode?: string;
}
