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
import { ReportFileFormat, ReportService } from '../report.service';
import { reportNotFound } from '../supervision.errors';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'special.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
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
    summary:
      'A stored report as CSV, XLSX or a printable DOCX: /api/supervision/reports/{id}.csv, .xlsx, .docx (简报) or .special.docx (专报)',
    description:
      'Stored reports are immutable snapshots: every download of a report gives the same bytes. The DOCX is the document a county office files, in Chinese: the title block of 息烽县“双减”工作领导小组办公室 with the edition (工作简报 for the departments, 专报 for the county government), the document number (文号) and the date, then the plan targets section by section as tables, supervision tasks by department and township, escalations and rectification, and the distribution line.',
  })
  @ApiParam({
    name: 'file',
    description:
      'The report id with .csv, .xlsx, .docx or .special.docx, e.g. 3f1c…-….docx (csvPath / xlsxPath / docxPath / specialDocxPath of the GraphQL report)',
    schema: { type: 'string', pattern: '^[0-9a-fA-F-]{36}\\.(csv|xlsx|docx|special\\.docx)$' },
  })
  @ApiProduces(TYPES.csv, TYPES.xlsx, TYPES.docx)
  @ApiOkResponse({
    description:
      'The file, as an attachment (CSV: UTF-8 with a BOM, one figure per line, the plan targets as `target` lines; XLSX: summary, targets and per-area sheets; DOCX: the printable document)',
    content: {
      [TYPES.csv]: { schema: { type: 'string' } },
      [TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
      [TYPES.docx]: { schema: { type: 'string', format: 'binary' } },
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
  @ApiNotFoundResponse(
    problemResponse(
      'No such report, not a .csv/.xlsx/.docx/.special.docx name, or a DOCX of a report stored before documents existed',
      ['REPORT_NOT_FOUND'],
    ),
  )
  async download(
    @CurrentPrincipal() actor: Principal,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const match = /^([0-9a-f-]{36})\.(csv|xlsx|docx|special\.docx)$/i.exec(file);
    if (!match) throw reportNotFound(file);
    const format = match[2]!.toLowerCase() as ReportFileFormat;
    const { report, content } = await this.reports.file(actor, match[1]!.toLowerCase(), format);
    res
      .status(200)
      .setHeader('Content-Type', TYPES[format])
      .setHeader(
        'Content-Disposition',
        `attachment; filename="supervision-${report.kind.toLowerCase()}-${report.period}-v${report.version}.${format}"`,
      )
      .setHeader('Cache-Control', 'private, no-store')
      .send(content);
  }
}
