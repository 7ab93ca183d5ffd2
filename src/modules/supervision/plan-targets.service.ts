import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { businessDate } from '../../platform/clock/business-time';
import { Text, text } from '../../platform/i18n/text';
import { AfterSchoolFacade, schoolYearOf, semesterOf } from '../after-school';
import { ComplaintsFacade } from '../complaints';
import { EscrowFacade } from '../escrow';
import { PrepaidFacade } from '../prepaid';
import { RegistryFacade } from '../registry';
import { PlanTargetFigure, PlanTargetSection, ReportContributions, ReportWindow } from './report-contributions';

/** A rate as a PERCENT figure: 0–100 with one decimal, null over zero. */
export function percentFigure(
  key: string,
  label: Text,
  numerator: number,
  denominator: number,
  target: string | null,
): PlanTargetFigure {
  return {
    key,
    label,
    unit: 'PERCENT',
    value: denominator === 0 ? null : (Math.round((numerator * 1000) / denominator) / 10).toFixed(1),
    target,
    numerator,
    denominator,
  };
}

export function countFigure(key: string, label: Text, value: number, target: string | null): PlanTargetFigure {
  return { key, label, unit: 'COUNT', value: String(value), target };
}

/** The last business date a window covers (its `to` is exclusive) and the first. */
export function windowDates(window: ReportWindow, timeZone: string): { firstDate: string; lastDate: string } {
  return {
    firstDate: businessDate(window.from, timeZone),
    lastDate: businessDate(new Date(window.to.getTime() - 1), timeZone),
  };
}

/**
 * The plan's targets (一月一调度、一季一总结) over a window, county-wide: supervision's own sections, read
 * through the facades of after-school, registry, escrow and complaints, followed by every section registered
 * in ReportContributions (penalties, accountability…). Flow figures count within [from, to), stock figures
 * as of `to`. Reports store the result; the dashboard's `targets` asks the same method, so both agree.
 */
@Injectable()
export class PlanTargetsService {
  constructor(
    private readonly afterSchool: AfterSchoolFacade,
    private readonly registry: RegistryFacade,
    private readonly escrow: EscrowFacade,
    private readonly complaints: ComplaintsFacade,
    private readonly prepaid: PrepaidFacade,
    private readonly contributions: ReportContributions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sections(window: ReportWindow): Promise<PlanTargetSection[]> {
    const { firstDate, lastDate } = windowDates(window, this.config.timeZone);
    const [homework, coverage, remaining, leads, operatingIds, shortfall, complaints, family, prepaid] =
      await Promise.all([
        this.afterSchool.homeworkKpis({ from: firstDate, to: lastDate }),
        this.afterSchool.coverageKpi({ semester: semesterOf(lastDate) }),
        this.registry.countSubjectInstitutionsRemainingAt(window.to),
        this.registry.unlicensedLeadFigures(window.from, window.to),
        this.registry.listOperatingInstitutionIdsIn(undefined, window.to),
        this.escrow.custodyShortfallAt(window.to),
        this.complaints.dashboardFigures({ from: window.from, to: window.to }),
        this.afterSchool.familyEducationKpi({ schoolYear: schoolYearOf(lastDate) }),
        this.prepaid.dashboardFigures({ from: window.from, to: window.to }),
      ]);
    const covered = await this.escrow.countCoveredAt(operatingIds, window.to);
    const own: PlanTargetSection[] = [
      {
        section: 'threeHundredPercent',
        title: text('The three 100 % targets', '三个100%'),
        order: 10,
        figures: [
          percentFigure(
            'threeHundredPercent.homeworkPublicity',
            text('Homework publicity, class-days published / expected', '作业公示率（班级日）'),
            homework.classDaysPublished,
            homework.classDaysExpected,
            '100',
          ),
          percentFigure(
            'threeHundredPercent.homeworkTimeLimit',
            text('Homework within the time limit, class-days within / reported', '作业时长达标率（班级日）'),
            homework.classDaysWithinLimit,
            homework.classDaysReported,
            '100',
          ),
          percentFigure(
            'threeHundredPercent.afterSchoolCoverage',
            text('After-school service coverage of students asking, this semester', '课后服务有需求学生覆盖率'),
            coverage.served,
            coverage.asked,
            '100',
          ),
        ],
      },
      {
        section: 'escrow',
        title: text('Fund escrow', '资金监管'),
        order: 20,
        figures: [
          percentFigure(
            'escrow.coverage',
            text('Operating institutions under escrow or risk reserve', '预收费资金监管覆盖率'),
            covered,
            operatingIds.length,
            '100',
          ),
          {
            // The dashboard's prepaid gap (prepaid.total.gap): per active contract, unconsumed value not in custody.
            key: 'escrow.moneyAtRisk',
            label: text('Money at risk: prepaid fees not in custody', '风险资金（预收费未监管缺口）'),
            unit: 'FEN',
            value: prepaid.gapFen.toString(),
            target: '0',
          },
          {
            key: 'escrow.custodyShortfall',
            label: text('Custody shortfalls of escrow accounts (open alerts)', '监管账户余额缺口（未处置预警）'),
            unit: 'FEN',
            value: shortfall.toString(),
            target: '0',
          },
        ],
      },
      {
        section: 'registry',
        title: text('Subject institutions and unlicensed training', '学科类机构压减与无证培训治理'),
        order: 30,
        figures: [
          countFigure(
            'registry.subjectInstitutionsRemaining',
            text('For-profit subject institutions left', '学科类营利性机构剩余数'),
            remaining,
            '0',
          ),
          countFigure(
            'registry.unlicensedLeadsOpen',
            text('Unlicensed-training leads open', '无证培训线索未办结'),
            leads.openAtEnd,
            '0',
          ),
          countFigure(
            'registry.unlicensedLeadsCleared',
            text('Unlicensed-training leads cleared in the period', '本期清零（取缔或规范）线索'),
            leads.cleared,
            null,
          ),
        ],
      },
      {
        section: 'complaints',
        title: text('Complaints', '投诉举报办理'),
        order: 40,
        figures: [
          countFigure('complaints.received', text('Complaints received', '受理投诉'), complaints.received, null),
          percentFigure(
            'complaints.closedInTime',
            text('Closed within every statutory deadline, of those closed', '按时办结率'),
            complaints.closedInTime,
            complaints.closed,
            '100',
          ),
          percentFigure(
            'complaints.satisfaction',
            text('Satisfied or basically satisfied, of those rated', '群众满意率'),
            complaints.satisfied,
            complaints.rated,
            null,
          ),
        ],
      },
      {
        section: 'familyEducation',
        title: text('Family education', '家校共育'),
        order: 50,
        figures: [
          percentFigure(
            'familyEducation.completion',
            text('Schools meeting the yearly family-education targets', '家庭教育指导年度任务完成率（学校）'),
            family.completed,
            family.schools,
            '100',
          ),
        ],
      },
    ];
    const contributed = await Promise.all(
      this.contributions.all().map(async (c) => ({
        section: c.section,
        title: c.title,
        order: c.order,
        figures: await c.figures(window),
      })),
    );
    return [...own, ...contributed].sort((a, b) => a.order - b.order);
  }
}
