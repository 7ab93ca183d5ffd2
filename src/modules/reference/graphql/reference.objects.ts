import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar } from '../../../platform/graphql/date.scalar';
import { NodeInterface } from '../../../platform/graphql/node';
import { CalendarPeriodKind } from '../entities/calendar-period.entity';
import { SchoolStage } from '../entities/school.entity';
import { TownshipKind } from '../entities/township.entity';
import { Paginated } from '../../../platform/graphql/pagination';

registerEnumType(TownshipKind, {
  name: 'TownshipKind',
  description: 'Kind of township-level division (街道 / 镇 / 乡)',
  valuesMap: {
    STREET: { description: 'Street (街道)' },
    TOWN: { description: 'Town (镇)' },
    TOWNSHIP: { description: 'Township (乡), ethnic townships included (民族乡)' },
  },
});
registerEnumType(SchoolStage, {
  name: 'SchoolStage',
  description: 'School stage (小学 / 初中 / 九年一贯制)',
  valuesMap: {
    PRIMARY: { description: 'Primary school (小学), grades 1–6' },
    JUNIOR: { description: 'Junior secondary school (初中), grades 7–9' },
    NINE_YEAR: { description: 'Nine-year school (九年一贯制), grades 1–9' },
  },
});

@ObjectType('GridCell', { description: 'Grid cell (网格) of a township' })
export class GridCellObject {
  @Field({ description: 'Grid cell code, unique in the county (e.g. 520122001-G04)' })
  code!: string;

  @Field({ description: 'Name of the cell (e.g. 第4网格)' })
  name!: string;
}

@ObjectType('Township', { description: 'Township or street (乡镇/街道)' })
export class TownshipObject {
  @Field({ description: 'Administrative division code (统计用区划代码)' })
  code!: string;

  @Field({ description: 'Name of the township or street (e.g. 永靖镇)' })
  name!: string;

  @Field(() => TownshipKind, { description: 'Street, town or township' })
  kind!: TownshipKind;
}

@ObjectType('DepartmentDuty', { description: 'A duty of a member department (职责分工)' })
export class DepartmentDutyObject {
  @Field({
    description:
      'Code of the duty (e.g. LICENSING, AFTER_SCHOOL), from the county reference data; complaints, tasks and notices are routed by it',
  })
  duty!: string;

  @Field({ description: 'What the department does under this duty (中文)' })
  description!: string;
}

@ObjectType('Department', { description: 'Member department of the leading group (成员单位)' })
export class DepartmentObject {
  @Field({ description: 'Stable code of the department (e.g. EDU, FIRE_RESCUE)' })
  code!: string;

  @Field({ description: 'Name of the department (e.g. 县教育局)' })
  name!: string;
}

@ObjectType('School', {
  implements: () => [NodeInterface],
  description: 'Compulsory-education school (义务教育学校)',
})
export class SchoolObject {
  @Field(() => ID, { description: 'The id (a UUID) of the school' })
  id!: string;

  @Field({ description: 'School code (学校标识码), unique' })
  code!: string;

  @Field({ description: 'Full name of the school (学校名称)' })
  name!: string;

  @Field({ description: 'Division code of the township or street (乡镇/街道) the school is in' })
  townshipCode!: string;

  @Field(() => SchoolStage, { description: 'School stage (学段)' })
  stage!: SchoolStage;

  @Field(() => String, { nullable: true, description: 'Address (地址); null when not given' })
  address!: string | null;
}

export const SchoolConnection = Paginated(SchoolObject, 'School');

registerEnumType(CalendarPeriodKind, {
  name: 'CalendarPeriodKind',
  description: 'Kind of school-calendar period (法定节假日 / 寒假 / 暑假 / 调休上班日)',
  valuesMap: {
    PUBLIC_HOLIDAY: { description: 'Public holiday (法定节假日), with the bridging days off' },
    WINTER_VACATION: { description: 'Winter vacation (寒假)' },
    SUMMER_VACATION: { description: 'Summer vacation (暑假)' },
    ADJUSTED_WORKDAY: {
      description: 'Adjusted workday (调休上班日): a weekend day that is a school day; one day long',
    },
  },
});

@ObjectType('Teacher', { description: 'Teacher on a school roster (在职教师名册); no ID data is ever returned' })
export class TeacherObject {
  @Field(() => ID, { description: 'The id (a UUID) of the teacher' })
  id!: string;

  @Field({ description: "The teacher's name (姓名)" })
  name!: string;

  @Field({ description: 'False once the teacher left the school (a roster import with replace)' })
  active!: boolean;
}

export const TeacherConnection = Paginated(TeacherObject, 'Teacher');

@ObjectType('TeacherRosterImportResult', { description: 'Counts of a roster import' })
export class TeacherRosterImportResultObject {
  @Field(() => Int, { description: 'Teachers not known before, added to the roster' })
  added!: number;

  @Field(() => Int, {
    description: 'Teachers already known by their ID number whose school, name or active flag changed',
  })
  updated!: number;

  @Field(() => Int, { description: "The school's teachers not in the list marked inactive (replace: true)" })
  deactivated!: number;
}

@ObjectType('CalendarPeriod', { description: 'A period of the county school calendar (校历), inclusive dates' })
export class CalendarPeriodObject {
  @Field(() => ID, { description: 'The id (a UUID) of the period' })
  id!: string;

  @Field(() => CalendarPeriodKind, { description: 'Kind of period' })
  kind!: CalendarPeriodKind;

  @Field({ description: 'Name of the period (e.g. 2027年元旦)' })
  name!: string;

  @Field(() => DateScalar, { description: 'First day (YYYY-MM-DD)' })
  startDate!: string;

  @Field(() => DateScalar, { description: 'Last day (YYYY-MM-DD), inclusive' })
  endDate!: string;
}
