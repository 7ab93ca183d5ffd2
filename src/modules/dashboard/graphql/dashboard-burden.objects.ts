import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('DashboardTeacherBurdenMonth', {
  description:
    'Teacher burden (教师负担) of the county or township in a month: the non-teaching demands in force that started in it',
})
export class TeacherBurdenMonthObject {
  @Field({ description: 'The month, written YYYY-MM (e.g. 2026-11).' }) month!: string;
  @Field(() => Int, { description: 'Schools of the area (学校数).' }) schools!: number;
  @Field(() => Int, { description: 'Schools with at least one demand in the month.' }) schoolsReporting!: number;
  @Field(() => Int, { description: 'Demands recorded (事项数).' }) demands!: number;
  @Field(() => Int, { description: 'Demands without the county’s approval (未经审批), none declared or disputed.' })
  unapprovedDemands!: number;
  @Field(() => Int, { description: 'Teachers involved, summed over the demands (人次).' }) teachersInvolved!: number;
  @Field(() => Float, { description: 'Teacher-hours in all (占用教师工时), one decimal.' }) teacherHours!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Teacher-hours per school of the area, one decimal; null when the area has no school.',
  })
  teacherHoursPerSchool!: number | null;
}

@ObjectType('DashboardTeacherBurdenSchool', { description: "A school's teacher burden (学校教师负担) in the month" })
export class TeacherBurdenSchoolObject {
  @Field(() => ID, { description: 'The school (学校).' }) schoolId!: string;
  @Field({ description: "Division code of the school's township or street (乡镇/街道)." }) townshipCode!: string;
  @Field(() => Int, { description: 'Demands recorded (事项数).' }) demands!: number;
  @Field(() => Int, { description: 'Demands without the county’s approval (未经审批).' }) unapprovedDemands!: number;
  @Field(() => Int, { description: 'Teachers involved, summed over the demands (人次).' }) teachersInvolved!: number;
  @Field(() => Float, { description: 'Teacher-hours in all (占用教师工时), one decimal.' }) teacherHours!: number;
}

@ObjectType('DashboardTeacherBurden', {
  description:
    'Teacher burden (教师负担) dynamic monitoring: the month of asOf, its heaviest schools and the twelve-month trend',
})
export class TeacherBurdenSectionObject {
  @Field(() => TeacherBurdenMonthObject, {
    description: 'The month of asOf (the whole month, demands count where they start).',
  })
  month!: TeacherBurdenMonthObject;
  @Field(() => [TeacherBurdenSchoolObject], {
    description: 'Up to ten schools with the most teacher-hours in the month (only schools with demands).',
  })
  topSchools!: TeacherBurdenSchoolObject[];
  @Field(() => [TeacherBurdenMonthObject], {
    description: 'The twelve months ending with the month of asOf, oldest first.',
  })
  trend!: TeacherBurdenMonthObject[];
}
