import { Module, OnModuleInit } from '@nestjs/common';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ReportContributions, ReportWindow, SupervisionModule } from '../../src/modules/supervision';
import { Role } from '../../src/platform/auth/role';
import { FixedClock } from '../../src/platform/clock/clock';
import { text } from '../../src/platform/i18n/text';
import { createInstitution } from '../factories/registry.factory';
import { LoggedIn, TestApp, expectGqlError, startTestApp } from '../support/test-app';
import { waitFor } from '../support/test-env';

/** A module that depends on supervision and registers a report section, as enforcement will (penalties). */
@Module({ imports: [SupervisionModule] })
class TestContributionModule implements OnModuleInit {
  constructor(private readonly contributions: ReportContributions) {}
  onModuleInit() {
    this.contributions.register({
      section: 'testPenalties',
      title: text('Penalties (test)', '行政处罚（测试）'),
      order: 60,
      // The window's length in days, so the test sees which window the report and the dashboard passed.
      figures: async (w: ReportWindow) => [
        {
          key: 'testPenalties.windowDays',
          label: text('Days in the window', '统计天数'),
          unit: 'COUNT',
          value: String(Math.round((w.to.getTime() - w.from.getTime()) / 86_400_000)),
          target: null,
        },
      ],
    });
  }
}

interface Figure {
  key: string;
  label: string;
  unit: string;
  value: string | null;
  target: string | null;
  numerator: number | null;
  denominator: number | null;
  display: string;
}
interface Section {
  section: string;
  title: string;
  figures: Figure[];
}
interface Report {
  id: string;
  version: number;
  documentNumber: string;
  csvPath: string;
  xlsxPath: string;
  docxPath: string;
  specialDocxPath: string;
  targets: Section[];
}

const SECTIONS = `section title figures { key label unit value target numerator denominator display }`;
const REPORT = `id version documentNumber csvPath xlsxPath docxPath specialDocxPath targets { ${SECTIONS} }`;

/**
 * Reports the county sends (#23): a month's report carries the plan's targets equal to the dashboard's for
 * the month's last day, downloads as CSV, XLSX and DOCX (简报 and 专报), never changes once stored, and is
 * sent with a recorded dispatch that notifies the departments.
 */
describe('supervision reports (一月一调度, 专报/简报)', () => {
  const clock = new FixedClock('2026-11-10T02:00:00Z'); // 10:00 in Xifeng
  let t: TestApp;
  let admin: LoggedIn;
  let edu: LoggedIn;
  let inspector: LoggedIn;
  let report: Report;
  const tok = (u: LoggedIn) => t.tokenFor(u.id); // issued at the clock's current time

  const download = async (path: string, token: string): Promise<Buffer> =>
    (
      await t
        .http()
        .get(path)
        .set('Authorization', `Bearer ${token}`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
    ).body as Buffer;
  const documentXml = async (docx: Buffer) =>
    (await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string'))
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<[^>]+>/g, '');
  const generate = async (period: string) => {
    const res = await t.gql<{ generateSupervisionReport: Report }>(
      `mutation($p: String!) { generateSupervisionReport(input: { period: $p }) { ${REPORT} } }`,
      { p: period },
      tok(admin),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.generateSupervisionReport;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock, imports: [TestContributionModule] });
    admin = await t.loginAs(Role.COUNTY_ADMIN);
    edu = await t.loginAs(Role.DEPARTMENT_OFFICER, 'EDU');
    inspector = await t.loginAs(Role.INSPECTOR, 'EDU');
    // Work of November the targets count: a subject institution left, a non-subject one operating.
    await createInstitution(t, { category: 'SUBJECT' });
    await createInstitution(t);
    const lead = async () => {
      const res = await t.gql<{ recordUnlicensedLead: { id: string } }>(
        `mutation($input: RecordLeadInput!) { recordUnlicensedLead(input: $input) { id } }`,
        {
          input: {
            location: '某小区 3 栋',
            kind: 'DAY_CARE',
            source: 'GRID_PATROL',
            description: '以托管名义开展学科培训',
            townshipCode: '520122001',
          },
        },
        tok(admin),
      );
      expect(res.errors).toBeUndefined();
      return res.data!.recordUnlicensedLead.id;
    };
    await lead(); // still open at the month's end
    const cleared = await lead();
    for (const [mutation, type, input] of [
      ['startLeadInvestigation', 'StartLeadInvestigationInput', { id: cleared, note: '核查' }],
      ['resolveUnlicensedLead', 'ResolveLeadInput', { id: cleared, outcome: 'CLOSED', findings: '已取缔' }],
    ] as const)
      expect(
        (await t.gql(`mutation($i: ${type}!) { ${mutation}(input: $i) { status } }`, { i: input }, tok(admin))).errors,
      ).toBeUndefined();
    for (const phone of ['13900001111', '13900002222'])
      expect(
        (
          await t.gql(
            `mutation($input: ComplaintIntakeInput!) { submitComplaint(input: $input) { trackingNumber } }`,
            {
              input: {
                category: 'HOMEWORK_BURDEN',
                description: '三年级每天作业超过两小时',
                townshipCode: '520122001',
                contactPhone: phone,
              },
            },
            undefined,
          )
        ).errors,
      ).toBeUndefined();
  });
  afterAll(() => t?.close());

  it("a month's report carries the plan's targets, equal to the dashboard's for the month's last day", async () => {
    clock.set('2026-12-01T03:00:00Z');
    report = await generate('2026-11');
    expect(report).toMatchObject({
      version: 1,
      documentNumber: '息双减办〔2026〕1号',
      docxPath: `/api/supervision/reports/${report.id}.docx`,
      specialDocxPath: `/api/supervision/reports/${report.id}.special.docx`,
    });
    const keys = report.targets.flatMap((s) => s.figures.map((f) => f.key));
    for (const key of [
      'threeHundredPercent.homeworkPublicity',
      'threeHundredPercent.homeworkTimeLimit',
      'threeHundredPercent.afterSchoolCoverage',
      'escrow.coverage',
      'escrow.moneyAtRisk',
      'escrow.custodyShortfall',
      'registry.subjectInstitutionsRemaining',
      'registry.unlicensedLeadsOpen',
      'registry.unlicensedLeadsCleared',
      'complaints.received',
      'complaints.closedInTime',
      'complaints.satisfaction',
      'familyEducation.completion',
      'testPenalties.windowDays',
    ])
      expect(keys).toContain(key);
    const figure = (sections: Section[], key: string) => sections.flatMap((s) => s.figures).find((f) => f.key === key)!;
    // The registered contribution got the whole month: 30 days.
    expect(figure(report.targets, 'testPenalties.windowDays').value).toBe('30');
    expect(figure(report.targets, 'registry.subjectInstitutionsRemaining').value).toBe('1');
    expect(figure(report.targets, 'registry.unlicensedLeadsOpen').value).toBe('1');
    expect(figure(report.targets, 'registry.unlicensedLeadsCleared').value).toBe('1');
    expect(figure(report.targets, 'complaints.received').value).toBe('2');
    expect(figure(report.targets, 'escrow.coverage')).toMatchObject({ value: '0.0', numerator: 0, denominator: 2 });

    const dash = await t.gql<{
      dashboard: {
        threeHundredPercent: { homeworkPublicity: { numerator: number; denominator: number } };
        registry: { subjectInstitutionsRemaining: number };
        complaints: { received: number };
        prepaid: { total: { gap: string } };
        targets: { periodFrom: string; asOf: string; sections: Section[] };
      };
    }>(
      `{ dashboard(asOf: "2026-11-30") {
           threeHundredPercent { homeworkPublicity { numerator denominator } }
           registry { subjectInstitutionsRemaining }
           complaints { received }
           prepaid { total { gap } }
           targets { periodFrom asOf sections { ${SECTIONS} } } } }`,
      {},
      tok(admin),
    );
    expect(dash.errors).toBeUndefined();
    const d = dash.data!.dashboard;
    expect(d.targets).toMatchObject({ periodFrom: '2026-11-01', asOf: '2026-11-30' });
    // One computation: every section and figure of the stored report equals the dashboard's for 30 November.
    expect(d.targets.sections).toEqual(report.targets);
    // …and agrees with the dashboard's own sections for the same date.
    const publicity = figure(report.targets, 'threeHundredPercent.homeworkPublicity');
    expect([publicity.numerator, publicity.denominator]).toEqual([
      d.threeHundredPercent.homeworkPublicity.numerator,
      d.threeHundredPercent.homeworkPublicity.denominator,
    ]);
    expect(Number(figure(report.targets, 'registry.subjectInstitutionsRemaining').value)).toBe(
      d.registry.subjectInstitutionsRemaining,
    );
    expect(Number(figure(report.targets, 'complaints.received').value)).toBe(d.complaints.received);
    expect(figure(report.targets, 'escrow.moneyAtRisk').display.split(' / ')[0]).toBe(`${d.prepaid.total.gap}元`);

    // A quarter to date, on the dashboard, is the window a quarterly report would count; a township's dashboard has none.
    const quarter = await t.gql<{ dashboard: { targets: { periodFrom: string; sections: Section[] } } }>(
      `{ dashboard(asOf: "2026-11-30") { targets(span: QUARTER) { periodFrom sections { ${SECTIONS} } } } }`,
      {},
      tok(admin),
    );
    expect(quarter.data!.dashboard.targets.periodFrom).toBe('2026-10-01');
    expect(figure(quarter.data!.dashboard.targets.sections, 'testPenalties.windowDays').value).toBe('61');
    const township = await t.gql<{ dashboard: { targets: unknown } }>(
      `{ dashboard { targets { asOf } } }`,
      {},
      (await t.loginAs(Role.TOWNSHIP_OFFICER, '520122001')).token,
    );
    expect(township.data!.dashboard.targets).toBeNull();
    expectGqlError(
      await t.gql(`{ dashboard { targets(asOf: "2026-12-02") { asOf } } }`, {}, tok(admin)),
      'VALIDATION_FAILED',
    );
  });

  it('downloads as CSV, XLSX and DOCX (简报 and 专报) with the targets', async () => {
    const csv = (await download(report.csvPath, tok(edu))).toString('utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines).toContain(`report,2026-11,${report.documentNumber},version,1`);
    for (const f of report.targets.flatMap((s) => s.figures)) {
      expect(lines).toContain(`target,${f.key},${f.label},${f.unit},${f.value ?? ''}`);
      expect(lines).toContain(`target,${f.key},${f.label},target,${f.target ?? ''}`);
    }

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download(report.xlsxPath, tok(admin))) as never);
    const rows: unknown[][] = [];
    wb.getWorksheet('Targets')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual([
      'section',
      'key',
      'name',
      'unit',
      'value',
      'numerator',
      'denominator',
      'target',
      'display',
    ]);
    expect(rows.slice(1).map((r) => [r[1], r[4] ?? null, r[7] ?? null, r[8]])).toEqual(
      report.targets.flatMap((s) => s.figures.map((f) => [f.key, f.value, f.target, f.display])),
    );

    const briefing = await t
      .http()
      .get(report.docxPath)
      .set('Authorization', `Bearer ${tok(admin)}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(briefing.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(briefing.headers['content-disposition']).toContain('supervision-monthly-2026-11-v1.docx');
    const doc = await documentXml(briefing.body as Buffer);
    expect(doc).toContain('息烽县“双减”工作领导小组办公室');
    expect(doc).toContain('工 作 简 报');
    expect(doc).toContain(`${report.documentNumber}\t2026年12月1日`);
    expect(doc).toContain('2026年11月全县“双减”工作调度情况');
    expect(doc).toContain('统计期间：2026年11月1日至2026年11月30日');
    for (const s of report.targets) expect(doc).toContain(`（${s.title}）`);
    for (const f of report.targets.flatMap((s) => s.figures)) {
      expect(doc).toContain(f.label);
      expect(doc).toContain(f.display.split(' / ')[0]);
    }
    expect(doc).toContain('发送：县“双减”工作领导小组各成员单位');

    const special = await documentXml(await download(report.specialDocxPath, tok(admin)));
    expect(special).toContain('专  报');
    expect(special).toContain('报送：县人民政府');

    // Readers of reports only, and only the four file names.
    await t
      .http()
      .get(report.docxPath)
      .set('Authorization', `Bearer ${tok(inspector)}`)
      .expect(403);
    const wrong = await t
      .http()
      .get(`/api/supervision/reports/${report.id}.pdf`)
      .set('Authorization', `Bearer ${tok(admin)}`)
      .expect(404);
    expect(wrong.body.code).toBe('REPORT_NOT_FOUND');
  });

  it('a stored report never changes: regenerating makes the next version, the database refuses updates', async () => {
    const before = await download(report.csvPath, tok(admin));
    await createInstitution(t, { category: 'SUBJECT' }); // now (1 December): not in November's figures anyway
    const again = await generate('2026-11');
    expect(again).toMatchObject({ version: 2, documentNumber: '息双减办〔2026〕2号' });
    expect(again.id).not.toBe(report.id);
    expect(await download(report.csvPath, tok(admin))).toEqual(before);
    await expect(
      t.dataSource.query(`UPDATE supervision_report SET figures = '{}' WHERE id = $1`, [report.id]),
    ).rejects.toThrow(/never changes/);
    await expect(t.dataSource.query(`DELETE FROM supervision_report WHERE id = $1`, [report.id])).rejects.toThrow(
      /never changes/,
    );
  });

  it('sending records to whom and when, notifies the departments, and refuses bad input storing nothing', async () => {
    clock.set('2026-12-02T01:30:00Z');
    const dispatch = (input: Record<string, unknown>, token?: string) =>
      t.gql<{ dispatchSupervisionReport: { id: string; kind: string; departmentCodes: string[]; sentAt: string } }>(
        `mutation($i: DispatchSupervisionReportInput!) { dispatchSupervisionReport(input: $i) { id kind departmentCodes sentBy sentAt } }`,
        { i: input },
        token ?? tok(admin),
      );
    expectGqlError(
      await dispatch({ reportId: report.id, kind: 'BRIEFING', departmentCodes: ['EDU'] }, tok(edu)),
      'FORBIDDEN',
    );
    const noDepartments = expectGqlError(
      await dispatch({ reportId: report.id, kind: 'BRIEFING' }),
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(noDepartments.extensions)).toContain('departmentCodes');
    const unknown = expectGqlError(
      await dispatch({ reportId: report.id, kind: 'BRIEFING', departmentCodes: ['EDU', 'NO_SUCH_DEPT'] }),
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(unknown.extensions)).toContain('departmentCodes.1');
    expectGqlError(
      await dispatch({ reportId: report.id, kind: 'SPECIAL', departmentCodes: ['EDU'] }),
      'VALIDATION_FAILED',
    );
    expectGqlError(
      await dispatch({ reportId: '00000000-0000-4000-8000-000000000000', kind: 'SPECIAL' }),
      'REPORT_NOT_FOUND',
    );
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM supervision_report_dispatch`);
    expect(n).toBe(0);

    const special = await dispatch({ reportId: report.id, kind: 'SPECIAL', note: '请审阅' });
    expect(special.errors).toBeUndefined();
    expect(special.data!.dispatchSupervisionReport).toMatchObject({
      kind: 'SPECIAL',
      departmentCodes: [],
      sentAt: '2026-12-02T01:30:00.000Z',
    });
    clock.set('2026-12-02T02:00:00Z');
    const briefing = await dispatch({
      reportId: report.id,
      kind: 'BRIEFING',
      departmentCodes: ['EDU', 'HEALTH', 'EDU'],
    });
    expect(briefing.data!.dispatchSupervisionReport.departmentCodes).toEqual(['EDU', 'HEALTH']);

    const listed = await t.gql<{
      supervisionReports: {
        edges: { node: { id: string; dispatches: { kind: string; departmentCodes: string[]; sentAt: string }[] } }[];
      };
    }>(
      `{ supervisionReports(first: 10) { edges { node { id dispatches { kind departmentCodes sentAt } } } } }`,
      {},
      tok(edu),
    );
    const node = listed.data!.supervisionReports.edges.find((e) => e.node.id === report.id)!.node;
    expect(node.dispatches).toEqual([
      { kind: 'SPECIAL', departmentCodes: [], sentAt: '2026-12-02T01:30:00.000Z' },
      { kind: 'BRIEFING', departmentCodes: ['EDU', 'HEALTH'], sentAt: '2026-12-02T02:00:00.000Z' },
    ]);

    const audits = await t.dataSource.query(
      `SELECT summary FROM audit_log WHERE action = 'supervision.report.dispatched' AND entity_id = $1`,
      [report.id],
    );
    expect(audits).toHaveLength(2);
    const body = await waitFor(async () => {
      const inbox = await t.gql<{ notifications: { edges: { node: { kind: string; body: string } }[] } }>(
        `{ notifications(first: 20) { edges { node { kind body } } } }`,
        {},
        tok(edu),
      );
      return inbox.data?.notifications.edges.find((e) => e.node.kind === 'supervision.report.dispatched')?.node.body;
    });
    expect(body).toContain(report.docxPath);
    expect(body).toContain(report.documentNumber);
  });
});
