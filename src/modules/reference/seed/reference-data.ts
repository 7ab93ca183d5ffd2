import { CalendarPeriodKind } from '../entities/calendar-period.entity';
import { TownshipKind } from '../entities/township.entity';

/**
 * Reference data of Xifeng County (息烽县) as the county plan and the National Bureau of Statistics
 * write it. It is data, not code: another county loads its own file through the same seeder.
 */
export interface ReferenceData {
  county: { code: string; name: string };
  townships: { code: string; name: string; kind: TownshipKind }[];
  departments: { code: string; name: string; duties: Record<string, string> }[];
  /** School calendar: public holidays and winter/summer vacations (inclusive dates); the county confirms it each year. */
  calendar: { kind: CalendarPeriodKind; name: string; startDate: string; endDate: string }[];
}

export const XIFENG: ReferenceData = {
  county: { code: '520122', name: '息烽县' },
  townships: [
    { code: '520122001', name: '永阳街道', kind: TownshipKind.STREET },
    { code: '520122100', name: '永靖镇', kind: TownshipKind.TOWN },
    { code: '520122101', name: '温泉镇', kind: TownshipKind.TOWN },
    { code: '520122102', name: '九庄镇', kind: TownshipKind.TOWN },
    { code: '520122103', name: '小寨坝镇', kind: TownshipKind.TOWN },
    { code: '520122104', name: '西山镇', kind: TownshipKind.TOWN },
    { code: '520122105', name: '养龙司镇', kind: TownshipKind.TOWN },
    { code: '520122106', name: '石硐镇', kind: TownshipKind.TOWN },
    { code: '520122107', name: '鹿窝镇', kind: TownshipKind.TOWN },
    { code: '520122108', name: '流长镇', kind: TownshipKind.TOWN },
    { code: '520122200', name: '青山苗族乡', kind: TownshipKind.TOWNSHIP },
  ],
  departments: [
    {
      code: 'EDU',
      name: '县教育局',
      duties: {
        LICENSING: '校外培训机构审批登记',
        INSTITUTION_SUPERVISION: '校外培训机构日常监管',
        ESCROW_SUPERVISION: '预收费资金监管',
        AFTER_SCHOOL: '课后服务',
        HOMEWORK: '作业管理',
        ENROLMENT: '义务教育招生入学',
        COORDINATION: '领导小组办公室统筹协调',
        REPORTING: '调度与总结报告',
        UNLICENSED_TRAINING: '无证无照培训排查取缔',
      },
    },
    {
      code: 'DISCIPLINE',
      name: '县纪委县监委',
      duties: {
        OVERSIGHT: '监督的再监督',
        TEACHER_DISCIPLINE: '在职教师有偿补课问题查处',
        ACCOUNTABILITY: '追责问责',
      },
    },
    {
      code: 'POLITICS_LAW',
      name: '县委政法委',
      duties: { PETITION_STABILITY: '信访维稳', EMERGENCY_PLANS: '应急处置预案' },
    },
    {
      code: 'PROPAGANDA',
      name: '县委宣传部、县互联网舆情研究中心',
      duties: { PUBLICITY: '宣传引导', ONLINE_TRAINING_LEADS: '线上违规培训线索', PUBLIC_OPINION: '网络舆情监测' },
    },
    {
      code: 'INSPECTION_OFFICE',
      name: '县委督办督查局',
      duties: { DEPARTMENT_FOLLOW_UP: '对部门履职督办督查', ACCOUNTABILITY: '三级督办' },
    },
    { code: 'STAFFING', name: '县委编办', duties: { TEACHER_STAFFING: '教师编制' } },
    { code: 'PETITIONS', name: '县信访局', duties: { COMPLAINT_INTAKE: '信访投诉受理与转办' } },
    {
      code: 'DEVELOPMENT_REFORM',
      name: '县发展改革局',
      duties: {
        FEE_POLICY: '课后服务收费政策',
        FEE_SUPERVISION: '学科类培训收费监管',
        CREDIT_PLATFORM: '信用信息共享平台',
        JOINT_PUNISHMENT: '失信联合惩戒',
      },
    },
    { code: 'FINANCE', name: '县财政局', duties: { AFTER_SCHOOL_FUNDING: '课后服务经费保障' } },
    {
      code: 'PUBLIC_SECURITY',
      name: '县公安局',
      duties: { CRIMINAL_CASES: '涉刑事、治安、经济案件查处', ONLINE_TRAINING_LEADS: '线上违规培训线索' },
    },
    { code: 'CIVIL_AFFAIRS', name: '县民政局', duties: { NON_PROFIT_REGISTRATION: '非营利性培训机构登记' } },
    {
      code: 'HUMAN_RESOURCES',
      name: '县人力资源社会保障局',
      duties: {
        VOCATIONAL_INSTITUTIONS: '职业培训机构违规开展学科类培训查处',
        WAGE_ARREARS: '欠薪问题处置',
        TEACHER_PAY_TITLES: '课后服务计入绩效与职称评聘',
      },
    },
    { code: 'HOUSING', name: '县住房城乡建设局', duties: { FIRE_DESIGN_REVIEW: '消防设计审查验收' } },
    { code: 'HEALTH', name: '县卫生健康局', duties: { HEALTH_SUPERVISION: '卫生监督' } },
    {
      code: 'MARKET_REGULATION',
      name: '县市场监管局',
      duties: {
        FOR_PROFIT_REGISTRATION: '营利性培训机构登记',
        ADVERTISING: '违规广告查处',
        PRICING_FRAUD: '价格违法与欺诈',
        FOOD_SAFETY: '食品安全',
        CREDIT_PUBLICITY: '信用信息公示',
        JOINT_PUNISHMENT: '失信联合惩戒',
      },
    },
    { code: 'URBAN_ENFORCEMENT', name: '县综合行政执法局', duties: { ILLEGAL_ADS: '违规张贴、散发广告查处' } },
    { code: 'TAX', name: '县税务局', duties: { TAX_CHECKS: '税务与发票检查', JOINT_PUNISHMENT: '失信联合惩戒' } },
    {
      code: 'FINANCIAL_OFFICE',
      name: '县金融办',
      duties: {
        PREPAID_FEE_RISK: '预收费风险防范与银行协调',
        INSTITUTION_FINANCING: '培训机构融资监管',
        JOINT_PUNISHMENT: '失信联合惩戒',
      },
    },
    { code: 'FIRE_RESCUE', name: '县消防救援支队', duties: { FIRE_SAFETY: '消防安全检查' } },
    { code: 'YOUTH_LEAGUE', name: '团县委', duties: { AFTER_SCHOOL_VOLUNTEERS: '课后服务志愿者' } },
    { code: 'WOMENS_FEDERATION', name: '县妇联', duties: { FAMILY_EDUCATION: '家庭教育指导' } },
    {
      code: 'TOWNSHIP',
      name: '各乡镇（街道）',
      duties: {
        GRID_PATROL: '网格化排查',
        LOCAL_JOINT_ENFORCEMENT: '属地联合执法',
        UNLICENSED_TRAINING: '无证无照培训属地排查',
      },
    },
  ],
  // 2026 national public holidays, and Guizhou-style school vacations. Provisional: the county education
  // bureau confirms the vacation dates (and any adjusted workdays) each year and corrects this data.
  calendar: [
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '元旦', startDate: '2026-01-01', endDate: '2026-01-03' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '春节', startDate: '2026-02-15', endDate: '2026-02-23' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '清明节', startDate: '2026-04-04', endDate: '2026-04-06' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '劳动节', startDate: '2026-05-01', endDate: '2026-05-05' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '端午节', startDate: '2026-06-19', endDate: '2026-06-21' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '中秋节', startDate: '2026-09-25', endDate: '2026-09-27' },
    { kind: CalendarPeriodKind.PUBLIC_HOLIDAY, name: '国庆节', startDate: '2026-10-01', endDate: '2026-10-07' },
    { kind: CalendarPeriodKind.WINTER_VACATION, name: '2026年寒假', startDate: '2026-01-24', endDate: '2026-02-28' },
    { kind: CalendarPeriodKind.SUMMER_VACATION, name: '2026年暑假', startDate: '2026-07-11', endDate: '2026-08-31' },
  ],
};
