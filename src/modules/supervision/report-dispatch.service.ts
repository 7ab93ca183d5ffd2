import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, actorName, hasRole } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Clock } from '../../platform/clock/clock';
import { Forbidden } from '../../platform/errors/domain-error';
import { Problems } from '../../platform/errors/problems';
import { EventPublisher } from '../../platform/events';
import { text } from '../../platform/i18n/text';
import { NotificationsFacade } from '../notifications';
import { ReferenceFacade } from '../reference';
import { SupervisionReportDispatch } from './entities/supervision-report-dispatch.entity';
import { reportTitle } from './report-docx';
import { ReportService } from './report.service';
import { ReportDispatchKind } from './supervision.enums';

export interface DispatchReportCommand {
  reportId: string;
  kind: ReportDispatchKind;
  departmentCodes: string[];
  note?: string | null;
}

/**
 * Sending a stored report (报送/印发): a 专报 to the county government, or a 简报 to departments, each of
 * which is notified with the download link of the printable document. Only the county office sends; the
 * report itself never changes, the dispatch is a row of its own with its audit row and event.
 */
@Injectable()
export class ReportDispatchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportService,
    private readonly reference: ReferenceFacade,
    private readonly notifications: NotificationsFacade,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async dispatch(actor: Principal, c: DispatchReportCommand): Promise<SupervisionReportDispatch> {
    if (!hasRole(actor, Role.COUNTY_ADMIN))
      throw new Forbidden(text('Only the county office sends reports', '只有县“双减”办可以报送或印发报告'));
    const report = await this.reports.get(actor, c.reportId);
    const codes = [...new Set(c.departmentCodes.map((d) => d.trim()))];
    const note = c.note?.trim() || null;
    const problems = new Problems();
    if (c.kind === ReportDispatchKind.SPECIAL)
      problems.check(
        codes.length === 0,
        'departmentCodes',
        text('a special report goes to the county government: name no departments', '专报报送县人民政府，不列部门'),
      );
    else {
      problems.check(codes.length > 0, 'departmentCodes', text('name at least one department', '至少指定一个部门'));
      const known = new Set((await this.reference.listDepartments()).map((d) => d.code));
      codes.forEach((code, i) => {
        if (!known.has(code)) problems.add(`departmentCodes.${i}`, text(`no department ${code}`, `无此部门：${code}`));
      });
    }
    problems.check(!note || note.length <= 500, 'note', text('at most 500 characters', '最多 500 个字符'));
    problems.throwIfAny();

    return this.dataSource.transaction(async (em) => {
      const dispatch = await em.save(
        em.create(SupervisionReportDispatch, {
          reportId: report.id,
          kind: c.kind,
          departmentCodes: codes,
          note,
          sentBy: actorName(actor),
          sentAt: this.clock.now(),
        }),
      );
      await this.audit.record(em, {
        actor,
        action: 'supervision.report.dispatched',
        entityType: 'supervision_report',
        entityId: report.id,
        summary: { dispatchId: dispatch.id, kind: c.kind, departmentCodes: codes, note },
      });
      await this.events.publish(em, 'supervision.report.dispatched', {
        reportId: report.id,
        dispatchId: dispatch.id,
        kind: c.kind,
        departmentCodes: codes,
      });
      if (codes.length) {
        const title = reportTitle(report);
        await this.notifications.notify(
          em,
          { departmentCodes: codes },
          {
            kind: 'supervision.report.dispatched',
            title: `工作简报：${title}`,
            body:
              `${report.documentNumber ?? ''} ${title}（简报）已印发，请登录下载：/api/supervision/reports/${report.id}.docx` +
              (note ? `。${note}` : ''),
            entityType: 'supervision_report',
            entityId: report.id,
          },
        );
      }
      return dispatch;
    });
  }

  /** The dispatches of the reports, oldest first per report (one statement for a page of reports). */
  async listFor(reportIds: readonly string[]): Promise<SupervisionReportDispatch[]> {
    if (!reportIds.length) return [];
    return this.dataSource
      .getRepository(SupervisionReportDispatch)
      .createQueryBuilder('d')
      .where('d.report_id = ANY(:ids)', { ids: [...reportIds] })
      .orderBy('d.sent_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getMany();
  }
}
