import { Controller, Get, Header, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { problemResponse } from '../../../platform/http/openapi-problem';
import { CurrentPrincipal } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { PeriodArgs } from '../graphql/after-school.inputs';
import { ParticipationService } from '../participation.service';
import { toCsv } from './csv';

/** Teacher participation hours (教师参与课后服务时长) as a CSV download, for performance pay and titles. */
@ApiTags('after-school')
@ApiBearerAuth('bearer')
@Controller('api/after-school')
export class TeacherHoursController {
  constructor(private readonly participation: ParticipationService) {}

  @Get('teacher-hours.csv')
  @ApiOperation({
    operationId: 'teacherHoursCsv',
    summary: 'Teacher participation hours (教师参与课后服务时长) in a date range, as CSV',
  })
  @ApiQuery({
    name: 'from',
    required: true,
    description: 'First date, YYYY-MM-DD (inclusive)',
    schema: { type: 'string', format: 'date' },
  })
  @ApiQuery({
    name: 'to',
    required: true,
    description: 'Last date, YYYY-MM-DD (inclusive)',
    schema: { type: 'string', format: 'date' },
  })
  @ApiQuery({
    name: 'schoolId',
    required: false,
    description: 'Only this school',
    schema: { type: 'string', format: 'uuid' },
  })
  @ApiQuery({
    name: 'townshipCode',
    required: false,
    description: 'Only schools of this township (9 digits)',
    schema: { type: 'string', pattern: '^\\d{9}$' },
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'UTF-8 CSV: teacher_id, teacher_name, school_id, days, minutes, hours',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse(problemResponse('A missing or bad query parameter', ['VALIDATION_FAILED']))
  @ApiUnauthorizedResponse(
    problemResponse('No access token, or an invalid or expired one', [
      'UNAUTHENTICATED',
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
    ]),
  )
  @ApiForbiddenResponse(problemResponse('The role or scope may not read these hours', ['FORBIDDEN']))
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
