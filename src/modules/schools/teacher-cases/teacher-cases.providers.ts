import { TeacherCase } from './entities/teacher-case.entity';
import { TeacherCaseLinksResolver } from './graphql/teacher-cases-links.resolver';
import { TeacherCaseResolver } from './graphql/teacher-cases.resolver';
import { RosterMatchSubscriber } from './subscribers/roster-match.subscriber';
import { TeacherCaseReadService } from './teacher-case-read.service';
import { TeacherCaseService } from './teacher-case.service';
import { TeacherCaseQueries } from './teacher-cases.queries';

/** Cases against serving teachers: the entities and providers the schools module registers. */
export const TEACHER_CASE_ENTITIES = [TeacherCase];
export const TEACHER_CASE_PROVIDERS = [
  TeacherCaseQueries,
  TeacherCaseService,
  TeacherCaseReadService,
  RosterMatchSubscriber,
  TeacherCaseResolver,
  TeacherCaseLinksResolver,
];
