import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal, hasRole, systemPrincipal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { addDays, businessDate, localToInstant } from '../../platform/clock/business-time';
import { Clock } from '../../platform/clock/clock';
import { Forbidden, ValidationFailed } from '../../platform/errors/domain-error';
import { EventPublisher } from '../../platform/events';
import { Connection, PageArgs } from '../../platform/graphql/pagination';
import { ReferenceFacade } from '../reference';
import { RegistryFacade } from '../registry';
import { SupervisionReport } from './entities/supervision-report.entity';
import { PlanTargetsService } from './plan-targets.service';
import { PlanTargetSection } from './report-contributions';
import { ReportEdition, displayTarget, displayValue, toDocx } from './report-docx';
import { reportNotFound } from './supervision.errors';
import { ReportKind } from './supervision.enums';
import { SupervisionQueries } from './supervision.queries';
import { ReportAreaCounts, ReportEscalationCounts, ReportRectificationCounts } from './supervision.types';
import { actorName } from '../../platform/auth/principal';
import { text } from '../../platform/i18n/text';

export interface ReportPeriod {
  kind: ReportKind;
  /** `2026-11` (monthly) or `2026-Q4` (quarterly). */
  period: string;
  /** First and last business dates (inclusive) and the instants bounding them [from, to). */
  firstDate: string;
  lastDate: string;
  from: Date;
  to: Date;
}

interface AreaRow extends ReportAreaCounts {
  code: string;
  name: string;
}

export interface ReportFigures {
  kind: ReportKind;
  period: string;
  firstDate: string;
  lastDate: string;
  /**
   * The instant the figures are counted at: the end of the period, or — for a period not yet over —
   * the moment of generation (then `partial` is true and "overdue at end" means overdue now).
   */
  asOf: string;
  partial: boolean;
  totals: { opened: number; closed: number; overdueAtEnd: number };
  byDepartment: AreaRow[];
  byTownship: AreaRow[];
  escalations: ReportEscalationCounts;
  rectification: ReportRectificationCounts & { rate: number | null };
  registry: { operatingInstitutions: number };
  /** The plan's targets over [from, asOf): supervision's own sections and every registered contribution. */
  targets: PlanTargetSection[];
}

/** What a stored report adds to its figures: its version within the period and its document number (文号). */
export interface StoredReportFigures extends ReportFigures {
  version: number;
  documentNumber: string;
  issuedOn: string;
}

export type ReportFileFormat = 'csv' | 'xlsx' | 'docx' | 'special.docx';

const READERS = [Role.COUNTY_ADMIN, Role.DISCIPLINE_SUPERVISOR, Role.DEPARTMENT_OFFICER];

/** Parses `YYYY-MM` or `YYYY-Qn` into the period's business dates and instants. */
export function parsePeriod(period: string, timeZone: string): ReportPeriod {
  const value = period.trim().toUpperCase();
  const monthly = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
  const quarterly = /^(\d{4})-Q([1-4])$/.exec(value);
  if (!monthly && !quarterly)
    throw new ValidationFailed([
      {
        path: 'period',
        message: text('must be YYYY-MM (monthly) or YYYY-Qn (quarterly)', '须为 YYYY-MM（月报）或 YYYY-Qn（季报）'),
      },
    ]);
  const year = Number((monthly ?? quarterly)![1]);
  const firstMonth = monthly ? Number(monthly[2]) : (Number(quarterly![2]) - 1) * 3 + 1;
  const months = monthly ? 1 : 3;
  const firstDate = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const nextMonth = firstMonth + months;
  const next = nextMonth > 12 ? `${year + 1}-01-01` : `${year}-${String(nextMonth).padStart(2, '0')}-01`;
  return {
    kind: monthly ? ReportKind.MONTHLY : ReportKind.QUARTERLY,
    period: value,
    firstDate,
    lastDate: addDays(next, -1),
    from: localToInstant(firstDate, '00:00', timeZone),
    to: localToInstant(next, '00:00', timeZone),
  };
}

/** The period that ended most recently before `now` (the one a scheduler reports on). */
export function previousPeriod(kind: ReportKind, now: Date, timeZone: string): string {
  const [y, m] = businessDate(now, timeZone).split('-').map(Number) as [number, number];
  if (kind === ReportKind.MONTHLY) return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const q = Math.floor((m - 1) / 3) + 1;
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/**
 * Monthly dispatch (一月一调度) and quarterly summary (一季一总结): tasks opened, closed and overdue by
 * department and township, escalations by level, rectification rate and the registry's headline
 * number; stored with their CSV and XLSX files for later download.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: SupervisionQueries,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly reference: ReferenceFacade,
    private readonly registry: RegistryFacade,
    private readonly targets: PlanTargetsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(actor: Principal, page: PageArgs): Promise<Connection<SupervisionReport>> {
    assertReader(actor);
    return this.queries.listReports(page);
  }

  async get(actor: Principal, id: string): Promise<SupervisionReport> {
    assertReader(actor);
    const report = await this.queries.reportById(id);
    if (!report) throw reportNotFound(id);
    return report;
  }

  /**
   * A stored file of a report: CSV, XLSX, or the printable DOCX in its two editions (`docx`: 简报 for the
   * departments, `special.docx`: 专报 for the county government). Reports stored before the DOCX existed
   * have none (REPORT_NOT_FOUND): a stored report never changes, regenerate the period for a new version.
   */
  async file(
    actor: Principal,
    id: string,
    format: ReportFileFormat,
  ): Promise<{ report: SupervisionReport; content: Buffer }> {
    const report = await this.get(actor, id);
    const files = await this.queries.reportFiles(report.id);
    if (!files) throw reportNotFound(id);
    const content =
      format === 'csv'
        ? Buffer.from(files.csv, 'utf8')
        : format === 'xlsx'
          ? files.xlsx
          : format === 'docx'
            ? files.docx
            : files.docxSpecial;
    if (!content) throw reportNotFound(`${id}.${format}`);
    return { report, content };
  }

  /** On demand: every call stores a new report, the next version of its period (the earlier ones stay as they were). */
  async generate(actor: Principal, period: string): Promise<SupervisionReport> {
    if (!hasRole(actor, Role.COUNTY_ADMIN, Role.DEPARTMENT_OFFICER))
      throw new Forbidden(
        text(
          'Only the county office or a department officer may generate reports',
          '只有县级管理部门或部门工作人员可以生成报告',
        ),
      );
    const p = parsePeriod(period, this.config.timeZone);
    if (p.from.getTime() >= this.clock.now().getTime())
      throw new ValidationFailed([{ path: 'period', message: text('has not started yet', '尚未开始') }]);
    return (await this.store(actor, p, 'ON_DEMAND'))!;
  }

  /** By the scheduler: once per period, however many workers run it (null when it already exists). */
  async generateScheduled(kind: ReportKind, now: Date): Promise<SupervisionReport | null> {
    const p = parsePeriod(previousPeriod(kind, now, this.config.timeZone), this.config.timeZone);
    return this.store(systemPrincipal('supervision.reports'), p, 'SCHEDULED');
  }

  private async store(
    actor: Principal,
    p: ReportPeriod,
    trigger: 'SCHEDULED' | 'ON_DEMAND',
  ): Promise<SupervisionReport | null> {
    const computed = await this.figures(p);
    return this.dataSource.transaction(async (em) => {
      // One generation at a time: versions per period and document numbers per year are consecutive.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('supervision_report'))`);
      if (trigger === 'SCHEDULED') {
        const [done] = (await em.query(`SELECT 1 FROM supervision_report WHERE period = $1 AND trigger = 'SCHEDULED'`, [
          p.period,
        ])) as unknown[];
        if (done) return null;
      }
      const now = this.clock.now();
      const issuedOn = businessDate(now, this.config.timeZone);
      const year = issuedOn.slice(0, 4);
      const [seq] = (await em.query(
        `SELECT (SELECT count(*) FROM supervision_report WHERE period = $1)::int + 1 AS version,
                (SELECT count(*) FROM supervision_report WHERE document_number LIKE $2)::int + 1 AS serial`,
        [p.period, `息双减办〔${year}〕%`],
      )) as { version: number; serial: number }[];
      const figures: StoredReportFigures = {
        ...computed,
        version: seq!.version,
        documentNumber: `息双减办〔${year}〕${seq!.serial}号`,
        issuedOn,
      };
      const docx = (edition: ReportEdition) => toDocx(figures, edition, figures);
      const [row] = (await em.query(
        `INSERT INTO supervision_report (kind, period, trigger, figures, csv, xlsx, docx, docx_special, version, document_number, generated_by, generated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (period) WHERE trigger = 'SCHEDULED' DO NOTHING RETURNING id`,
        [
          p.kind,
          p.period,
          trigger,
          JSON.stringify(figures),
          toCsv(figures),
          await toXlsx(figures),
          await docx('BRIEFING'),
          await docx('SPECIAL'),
          figures.version,
          figures.documentNumber,
          actorName(actor),
          now,
        ],
      )) as { id: string }[];
      if (!row) return null;
      await this.audit.record(em, {
        actor,
        action: 'supervision.report.generated',
        entityType: 'supervision_report',
        entityId: row.id,
        summary: {
          kind: p.kind,
          period: p.period,
          trigger,
          version: figures.version,
          documentNumber: figures.documentNumber,
        },
      });
      await this.events.publish(em, 'supervision.report.generated', {
        reportId: row.id,
        kind: p.kind,
        period: p.period,
      });
      return this.queries.reportById(row.id, em);
    });
  }

  /**
   * The period's figures, counted up to its end — or up to `now` when the period is not over yet, so a
   * task due later this month is not counted overdue before its due time.
   */
  async figures(p: ReportPeriod, now: Date = this.clock.now()): Promise<ReportFigures> {
    const partial = now.getTime() < p.to.getTime();
    const end = partial ? now : p.to;
    const byArea = async (by: 'department' | 'township', names: Map<string, string>): Promise<AreaRow[]> =>
      (await this.queries.reportTaskCounts(by, p.from, end)).map((r) => ({
        code: r.code ?? '',
        name: r.code ? (names.get(r.code) ?? r.code) : '(county-wide)',
        opened: r.opened,
        closed: r.closed,
        overdue: r.overdue,
      }));
    const departments = new Map((await this.reference.listDepartments()).map((d) => [d.code, d.name]));
    const townships = new Map((await this.reference.listTownships()).map((t) => [t.code, t.name]));
    const byDepartment = await byArea('department', departments);
    const byTownship = await byArea('township', townships);
    const esc = await this.queries.reportEscalationCounts(p.from, end);
    const rect = await this.queries.reportRectificationCounts(p.from, end);
    const sum = (key: 'opened' | 'closed' | 'overdue') => byDepartment.reduce((n, r) => n + r[key], 0);
    return {
      kind: p.kind,
      period: p.period,
      firstDate: p.firstDate,
      lastDate: p.lastDate,
      asOf: end.toISOString(),
      partial,
      totals: { opened: sum('opened'), closed: sum('closed'), overdueAtEnd: sum('overdue') },
      byDepartment,
      byTownship,
      escalations: esc,
      rectification: {
        ...rect,
        rate: rect.dueByEnd ? Math.round((rect.completedByEnd / rect.dueByEnd) * 1000) / 1000 : null,
      },
      registry: { operatingInstitutions: (await this.registry.listOperatingInstitutionIds()).length },
      targets: await this.targets.sections({ from: p.from, to: end }),
    };
  }
}

function assertReader(actor: Principal): void {
  if (actor.kind === 'system') return;
  if (!hasRole(actor, ...READERS))
    throw new Forbidden(
      text(
        'Reports are for the county office, discipline supervisors and department officers',
        '报告仅供县级管理部门、纪检监督人员和部门工作人员查阅',
      ),
    );
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV with one figure per line (`section,key,name,metric,value`), UTF-8 with a BOM so Excel reads the Chinese. */
export function toCsv(f: ReportFigures & Partial<StoredReportFigures>): string {
  const lines: unknown[][] = [['section', 'key', 'name', 'metric', 'value']];
  if (f.documentNumber) lines.push(['report', f.period, f.documentNumber, 'version', f.version]);
  lines.push([
    'report',
    f.period,
    f.kind === ReportKind.MONTHLY ? '一月一调度' : '一季一总结',
    'dates',
    `${f.firstDate}..${f.lastDate}`,
  ]);
  lines.push(['report', f.period, '', 'asOf', f.asOf]);
  lines.push(['report', f.period, f.partial ? 'period not over: counted as of asOf' : '', 'partial', f.partial]);
  for (const [metric, value] of Object.entries(f.totals)) lines.push(['totals', '', '', metric, value]);
  for (const [section, rows] of [
    ['department', f.byDepartment],
    ['township', f.byTownship],
  ] as const) {
    for (const r of rows)
      for (const metric of ['opened', 'closed', 'overdue'] as const)
        lines.push([section, r.code, r.name, metric, r[metric]]);
  }
  for (const [metric, value] of Object.entries(f.escalations)) lines.push(['escalations', '', '', metric, value]);
  for (const [metric, value] of Object.entries(f.rectification)) lines.push(['rectification', '', '', metric, value]);
  lines.push(['registry', '', '', 'operatingInstitutions', f.registry.operatingInstitutions]);
  // The plan's targets: one line per figure (value as stored: PERCENT 0–100, FEN in fen, COUNT), then its target.
  for (const s of f.targets ?? [])
    for (const fig of s.figures) {
      lines.push(['target', fig.key, fig.label.zh, fig.unit, fig.value ?? '']);
      lines.push(['target', fig.key, fig.label.zh, 'target', fig.target ?? '']);
    }
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(f: ReportFigures & Partial<StoredReportFigures>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shuangjian-supervision';
  const summary = wb.addWorksheet('Summary');
  summary.columns = [
    { header: 'metric', key: 'metric', width: 32 },
    { header: 'value', key: 'value', width: 20 },
  ];
  summary.addRow({ metric: f.kind === ReportKind.MONTHLY ? '一月一调度' : '一季一总结', value: f.period });
  if (f.documentNumber) summary.addRow({ metric: 'documentNumber', value: f.documentNumber });
  if (f.version) summary.addRow({ metric: 'version', value: f.version });
  summary.addRow({ metric: 'dates', value: `${f.firstDate}..${f.lastDate}` });
  summary.addRow({ metric: 'asOf', value: f.asOf });
  summary.addRow({ metric: 'partial', value: f.partial ? 'true (period not over: counted as of asOf)' : 'false' });
  for (const [k, v] of Object.entries(f.totals)) summary.addRow({ metric: k, value: v });
  for (const [k, v] of Object.entries(f.escalations)) summary.addRow({ metric: `escalations.${k}`, value: v });
  for (const [k, v] of Object.entries(f.rectification)) summary.addRow({ metric: `rectification.${k}`, value: v });
  summary.addRow({ metric: 'registry.operatingInstitutions', value: f.registry.operatingInstitutions });
  const targets = wb.addWorksheet('Targets');
  targets.columns = [
    { header: 'section', key: 'section', width: 24 },
    { header: 'key', key: 'key', width: 44 },
    { header: 'name', key: 'name', width: 40 },
    { header: 'unit', key: 'unit', width: 10 },
    { header: 'value', key: 'value', width: 16 },
    { header: 'numerator', key: 'numerator', width: 12 },
    { header: 'denominator', key: 'denominator', width: 12 },
    { header: 'target', key: 'target', width: 10 },
    { header: 'display', key: 'display', width: 20 },
  ];
  for (const s of f.targets ?? [])
    for (const fig of s.figures)
      targets.addRow({
        section: s.title.zh,
        key: fig.key,
        name: fig.label.zh,
        unit: fig.unit,
        value: fig.value,
        numerator: fig.numerator ?? null,
        denominator: fig.denominator ?? null,
        target: fig.target,
        display: `${displayValue(fig)} / ${displayTarget(fig)}`,
      });
  for (const [title, rows] of [
    ['By department', f.byDepartment],
    ['By township', f.byTownship],
  ] as const) {
    const sheet = wb.addWorksheet(title);
    sheet.columns = [
      { header: 'code', key: 'code', width: 20 },
      { header: 'name', key: 'name', width: 30 },
      { header: 'opened', key: 'opened', width: 10 },
      { header: 'closed', key: 'closed', width: 10 },
      { header: 'overdue', key: 'overdue', width: 10 },
    ];
    rows.forEach((r) => sheet.addRow(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
