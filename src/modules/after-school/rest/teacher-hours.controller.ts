import { Controller, Get, Header, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { PeriodArgs } from '../graphql/after-school.inputs';
import { ParticipationService } from '../participation.service';
import { toCsv } from './csv';

/** Teacher participation hours (教师参与课后服务时长) as a CSV download, for performance pay and titles. */
@Controller('api/after-school')
export class TeacherHoursController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('teacher-hours.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="teacher-hours.csv"')
  async teacherHours(@CurrentPrincipal() actor: Principal, @Query() query: PeriodArgs): Promise<string> {
    const rows = await this.participation.teacherHours(actor, query);
    return toCsv(
      ['teacher_id', 'teacher_name', 'school_id', 'days', 'minutes', 'hours'],
      rows.map((r) => [r.teacherId, r.teacherName, r.schoolId, r.days, r.minutes, r.hours.toFixed(2)]),
    );
  }
}
