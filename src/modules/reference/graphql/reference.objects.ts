import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NodeInterface } from '../../../platform/graphql/node';
import { CalendarPeriodKind } from '../entities/calendar-period.entity';
import { SchoolStage } from '../entities/school.entity';
import { TownshipKind } from '../entities/township.entity';
import { Paginated } from '../../../platform/graphql/pagination';

registerEnumType(TownshipKind, {
  name: 'TownshipKind',
  description: 'Kind of township-level division (街道 / 镇 / 乡)',
});
registerEnumType(SchoolStage, { name: 'SchoolStage', description: 'School stage (小学 / 初中 / 九年一贯制)' });

@ObjectType('GridCell', { description: 'Grid cell (网格) of a township' })
export class GridCellObject {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType('Township', { description: 'Township or street (乡镇/街道)' })
export class TownshipObject {
  @Field({ description: 'Administrative division code (统计用区划代码)' })
  code!: string;

  @Field()
  name!: string;

  @Field(() => TownshipKind)
  kind!: TownshipKind;
}

@ObjectType('DepartmentDuty', { description: 'A duty of a member department (职责分工)' })
export class DepartmentDutyObject {
  @Field()
  duty!: string;

  @Field()
  description!: string;
}

@ObjectType('Department', { description: 'Member department of the leading group (成员单位)' })
export class DepartmentObject {
  @Field()
  code!: string;

  @Field()
  name!: string;
}

@ObjectType('School', {
  implements: () => [NodeInterface],
  description: 'Compulsory-education school (义务教育学校)',
})
export class SchoolObject {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  townshipCode!: string;

  @Field(() => SchoolStage)
  stage!: SchoolStage;

  @Field(() => String, { nullable: true })
  address!: string | null;
}

export const SchoolConnection = Paginated(SchoolObject, 'School');

registerEnumType(CalendarPeriodKind, {
  name: 'CalendarPeriodKind',
  description: 'Kind of school-calendar period (法定节假日 / 寒假 / 暑假 / 调休上班日)',
});

@ObjectType('Teacher', { description: 'Teacher on a school roster (在职教师名册); no ID data is ever returned' })
export class TeacherObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'False once the teacher left the school (a roster import with replace)' })
  active!: boolean;
}

export const TeacherConnection = Paginated(TeacherObject, 'Teacher');

@ObjectType('TeacherRosterImportResult', { description: 'Counts of a roster import' })
export class TeacherRosterImportResultObject {
  @Field(() => Int)
  added!: number;

  @Field(() => Int, {
    description: 'Teachers already known by their ID number whose school, name or active flag changed',
  })
  updated!: number;

  @Field(() => Int, { description: "The school's teachers not in the list marked inactive (replace: true)" })
  deactivated!: number;
}

@ObjectType('CalendarPeriod', { description: 'A period of the county school calendar (inclusive dates)' })
export class CalendarPeriodObject {
  @Field(() => ID)
  id!: string;

  @Field(() => CalendarPeriodKind)
  kind!: CalendarPeriodKind;

  @Field()
  name!: string;

  @Field({ description: 'YYYY-MM-DD' })
  startDate!: string;

  @Field({ description: 'YYYY-MM-DD (inclusive)' })
  endDate!: string;
}
