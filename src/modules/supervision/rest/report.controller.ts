import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
@Controller('api/supervision')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Roles(Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER)
  @Get('reports/:file')
  @ApiOperation({ summary: 'A stored report as CSV or XLSX: /api/supervision/reports/{id}.csv or .xlsx' })
  async download(@CurrentPrincipal() actor: Principal, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const match = /^([0-9a-f-]{36})\.(csv|xlsx)$/i.exec(file);
    if (!match) throw reportNotFound(file);
    const format = match[2]!.toLowerCase() as 'csv' | 'xlsx';
    const { report, content } = await this.reports.file(actor, match[1]!.toLowerCase(), format);
    res
      .status(200)
      .setHeader('Content-Type', TYPES[format])
      .setHeader('Content-Disposition', `attachment; filename="supervision-${report.kind.toLowerCase()}-${report.period}.${format}"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(content);
  }
}
