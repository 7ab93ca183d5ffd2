import { Controller, Get, Param, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { problemResponse } from '../../../platform/http/openapi-problem';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../../../platform/auth/decorators';
import { Principal } from '../../../platform/auth/principal';
import { Role } from '../../../platform/auth/role';
import { ReportService } from '../report.service';
import { reportNotFound } from '../supervision.errors';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Downloads of stored reports (一月一调度 / 一季一总结), for a logged-in reader. */
@ApiTags('supervision')
@ApiBearerAuth('bearer')
@Controller('api/supervision')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER)
  @Get('reports/:file')
  @ApiOperation({
    operationId: 'downloadSupervisionReport',
    summary: 'A stored report as CSV or XLSX: /api/supervision/reports/{id}.csv or .xlsx',
  })
  @ApiParam({
    name: 'file',
    description: 'The report id with .csv or .xlsx, e.g. 3f1c…-….csv (csvPath / xlsxPath of the GraphQL report)',
    schema: { type: 'string', pattern: '^[0-9a-fA-F-]{36}\\.(csv|xlsx)$' },
  })
  @ApiProduces(TYPES.csv, TYPES.xlsx)
  @ApiOkResponse({
    description:
      'The file, as an attachment (CSV: UTF-8 with a BOM, one figure per line; XLSX: summary and per-area sheets)',
    content: {
      [TYPES.csv]: { schema: { type: 'string' } },
      [TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiUnauthorizedResponse(
    problemResponse('No access token, or an invalid or expired one', [
      'UNAUTHENTICATED',
      'TOKEN_INVALID',
      'TOKEN_EXPIRED',
    ]),
  )
  @ApiForbiddenResponse(
    problemResponse('Reports are for the county office, discipline supervisors and department officers', ['FORBIDDEN']),
  )
  @ApiNotFoundResponse(problemResponse('No such report, or not a .csv/.xlsx name', ['REPORT_NOT_FOUND']))
  async download(
    @CurrentPrincipal() actor: Principal,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const match = /^([0-9a-f-]{36})\.(csv|xlsx)$/i.exec(file);
    if (!match) throw reportNotFound(file);
    const format = match[2]!.toLowerCase() as 'csv' | 'xlsx';
    const { report, content } = await this.reports.file(actor, match[1]!.toLowerCase(), format);
    res
      .status(200)
      .setHeader('Content-Type', TYPES[format])
      .setHeader(
        'Content-Disposition',
        `attachment; filename="supervision-${report.kind.toLowerCase()}-${report.period}.${format}"`,
      )
      .setHeader('Cache-Control', 'private, no-store')
      .send(content);
  }
}
