/**
 * The catalogue of county rules (规则即数据): every number a county may decide, declared once with its
 * national default, the bounds the national rule allows, the stricter direction and its legal source.
 * Values a county sets and their history live in the database (policy_change); this file is the only
 * place a rule is declared. A county may be stricter than the national rule, never looser: for a rule
 * whose stricter direction is LOWER the national value is the upper bound, for HIGHER the lower bound.
 */

/** How a value is written: integers in the unit named; TIME_OF_DAY is minutes after midnight (HH:MM at the edges). */
export type PolicyKind = 'DAYS' | 'HOURS' | 'MINUTES' | 'FEN' | 'PERCENT' | 'COUNT' | 'TIME_OF_DAY';

/** Which direction is stricter: LOWER (a shorter deadline, a smaller cap), HIGHER (a longer break), NONE (a county decision, no national direction). */
export type PolicyStricter = 'LOWER' | 'HIGHER' | 'NONE';

export interface PolicyRule {
  key: string;
  kind: PolicyKind;
  /** What the rule decides, in Chinese as the county writes it. */
  title: string;
  nationalDefault: number;
  /** Inclusive bounds; the national rule is the bound on the looser side. */
  min: number;
  max: number;
  stricter: PolicyStricter;
  /** Legal source (Chinese), named in refusals. */
  source: string;
  /** The module whose behaviour the rule drives. */
  usedBy: 'complaints' | 'escrow' | 'registry' | 'after-school' | 'credit' | 'supervision' | 'prepaid';
}

const XINFANG = '《信访工作条例》(2022)';
const DOUBLE_REDUCTION = '中办发〔2021〕40号《关于进一步减轻义务教育阶段学生作业负担和校外培训负担的意见》';
const PREPAID = '教育部等十三部门《关于规范面向中小学生的非学科类校外培训的意见》(2022年12月); 教监管函〔2021〕2号';
const PLATFORM = '全国校外教育培训监管与服务综合平台 预收费资金监管规则 (一课一消)';
const COUNTY = '县"双减"工作领导小组办公室决定 (无全国统一标准)';

function rule(r: PolicyRule): PolicyRule {
  return r;
}

export const POLICY_RULES = [
  // Complaints and petitions (投诉/信访): statutory periods in calendar days.
  rule({
    key: 'complaints.route_days',
    kind: 'DAYS',
    title: '登记并转送期限',
    nationalDefault: 15,
    min: 1,
    max: 15,
    stricter: 'LOWER',
    source: `${XINFANG}第二十二条`,
    usedBy: 'complaints',
  }),
  rule({
    key: 'complaints.accept_days',
    kind: 'DAYS',
    title: '决定是否受理并告知期限',
    nationalDefault: 15,
    min: 1,
    max: 15,
    stricter: 'LOWER',
    source: `${XINFANG}第二十三条`,
    usedBy: 'complaints',
  }),
  rule({
    key: 'complaints.handle_days',
    kind: 'DAYS',
    title: '办理期限',
    nationalDefault: 60,
    min: 1,
    max: 60,
    stricter: 'LOWER',
    source: `${XINFANG}第三十四条`,
    usedBy: 'complaints',
  }),
  rule({
    key: 'complaints.max_extension_days',
    kind: 'DAYS',
    title: '延长办理期限上限',
    nationalDefault: 30,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: `${XINFANG}第三十四条`,
    usedBy: 'complaints',
  }),
  rule({
    key: 'complaints.review_request_days',
    kind: 'DAYS',
    title: '申请复查期限',
    nationalDefault: 30,
    min: 30,
    max: 365,
    stricter: 'HIGHER',
    source: `${XINFANG}第三十五条`,
    usedBy: 'complaints',
  }),
  rule({
    key: 'complaints.review_decision_days',
    kind: 'DAYS',
    title: '复查意见期限',
    nationalDefault: 30,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: `${XINFANG}第三十五条`,
    usedBy: 'complaints',
  }),

  // Prepaid fees (预收费监管).
  rule({
    key: 'escrow.prepaid_max_fen',
    kind: 'FEN',
    title: '单次预收费金额上限',
    nationalDefault: 500_000,
    min: 0,
    max: 500_000,
    stricter: 'LOWER',
    source: PREPAID,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.prepaid_max_lesson_hours',
    kind: 'COUNT',
    title: '单次预收费课时上限 (课时)',
    nationalDefault: 60,
    min: 0,
    max: 60,
    stricter: 'LOWER',
    source: PREPAID,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.prepaid_max_months',
    kind: 'COUNT',
    title: '单次预收费时间跨度上限 (月)',
    nationalDefault: 3,
    min: 0,
    max: 3,
    stricter: 'LOWER',
    source: PREPAID,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.risk_reserve_min_fen',
    kind: 'FEN',
    title: '风险保证金最低额度',
    nationalDefault: 500_000,
    min: 500_000,
    max: 1_000_000_000,
    stricter: 'HIGHER',
    source: `教监管函〔2021〕2号 (风险保证金); 不低于单次预收费上限 (${PREPAID})`,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.shortfall_tolerance_fen',
    kind: 'FEN',
    title: '监管余额不足预警容差',
    nationalDefault: 0,
    min: 0,
    max: 10_000_000,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.abnormal_release_percent',
    kind: 'PERCENT',
    title: '24小时内异常划转预警比例',
    nationalDefault: 30,
    min: 1,
    max: 100,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.statement_due_hour',
    kind: 'HOURS',
    title: '前日对账单报送截止时刻 (时)',
    nationalDefault: 10,
    min: 0,
    max: 23,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'escrow',
  }),
  rule({
    key: 'escrow.instruction_ack_hours',
    kind: 'HOURS',
    title: '银行回执指令时限 (小时)',
    nationalDefault: 24,
    min: 1,
    max: 720,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'escrow',
  }),

  // Training time (培训时间) and unlicensed leads.
  rule({
    key: 'registry.offline_end_time',
    kind: 'TIME_OF_DAY',
    title: '线下培训结束时间',
    nationalDefault: 20 * 60 + 30,
    min: 12 * 60,
    max: 20 * 60 + 30,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'registry',
  }),
  rule({
    key: 'registry.online_end_time',
    kind: 'TIME_OF_DAY',
    title: '线上培训结束时间',
    nationalDefault: 21 * 60,
    min: 12 * 60,
    max: 21 * 60,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'registry',
  }),
  rule({
    key: 'registry.online_max_lesson_minutes',
    kind: 'MINUTES',
    title: '线上培训每课时时长上限',
    nationalDefault: 30,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'registry',
  }),
  rule({
    key: 'registry.online_min_break_minutes',
    kind: 'MINUTES',
    title: '线上培训课程间隔下限',
    nationalDefault: 10,
    min: 10,
    max: 240,
    stricter: 'HIGHER',
    source: DOUBLE_REDUCTION,
    usedBy: 'registry',
  }),
  rule({
    key: 'registry.lead_clearance_days',
    kind: 'DAYS',
    title: '无证线索动态清零期限',
    nationalDefault: 30,
    min: 1,
    max: 3650,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'registry',
  }),

  // Homework and after-school service (作业 / 课后服务 "5+2").
  rule({
    key: 'after_school.homework_minutes_grades_1_2',
    kind: 'MINUTES',
    title: '一二年级书面作业时长上限 (不布置)',
    nationalDefault: 0,
    min: 0,
    max: 0,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.homework_minutes_grades_3_6',
    kind: 'MINUTES',
    title: '三至六年级书面作业时长上限',
    nationalDefault: 60,
    min: 0,
    max: 60,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.homework_minutes_junior',
    kind: 'MINUTES',
    title: '初中书面作业时长上限',
    nationalDefault: 90,
    min: 0,
    max: 90,
    stricter: 'LOWER',
    source: DOUBLE_REDUCTION,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.min_daily_minutes',
    kind: 'MINUTES',
    title: '课后服务每天最短时长 ("5+2")',
    nationalDefault: 120,
    min: 120,
    max: 600,
    stricter: 'HIGHER',
    source: DOUBLE_REDUCTION,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.off_work_time',
    kind: 'TIME_OF_DAY',
    title: '当地正常下班时间 (课后服务结束不早于此)',
    nationalDefault: 17 * 60 + 30,
    min: 16 * 60,
    max: 20 * 60,
    stricter: 'NONE',
    source: `${DOUBLE_REDUCTION} (结束时间原则上不早于当地正常下班时间)`,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.funding_fen_per_student_year',
    kind: 'FEN',
    title: '课后服务生均经费 (每生每学年)',
    nationalDefault: 30_000,
    min: 0,
    max: 10_000_000,
    stricter: 'HIGHER',
    source: COUNTY,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.family_guidance_sessions',
    kind: 'COUNT',
    title: '家庭教育指导每学年次数',
    nationalDefault: 4,
    min: 0,
    max: 100,
    stricter: 'HIGHER',
    source: COUNTY,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.family_guidance_periods',
    kind: 'COUNT',
    title: '家庭教育指导每学年课时',
    nationalDefault: 8,
    min: 0,
    max: 200,
    stricter: 'HIGHER',
    source: COUNTY,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.class_period_minutes',
    kind: 'MINUTES',
    title: '一课时时长',
    nationalDefault: 40,
    min: 1,
    max: 120,
    stricter: 'NONE',
    source: COUNTY,
    usedBy: 'after-school',
  }),
  rule({
    key: 'after_school.family_consultations',
    kind: 'COUNT',
    title: '家庭教育咨询每学年次数',
    nationalDefault: 2,
    min: 0,
    max: 100,
    stricter: 'HIGHER',
    source: COUNTY,
    usedBy: 'after-school',
  }),

  // Prepaid contracts lesson by lesson (一课一消); the per-charge caps are the escrow.prepaid_* rules above.
  rule({
    key: 'prepaid.auto_confirm_working_days',
    kind: 'DAYS',
    title: '家长未确认课时自动确认期限 (工作日)',
    nationalDefault: 15,
    min: 15,
    max: 60,
    stricter: 'HIGHER',
    source: PLATFORM,
    usedBy: 'prepaid',
  }),
  rule({
    key: 'prepaid.refund_answer_working_days',
    kind: 'DAYS',
    title: '机构答复退费申请期限 (工作日, 逾期视为同意)',
    nationalDefault: 5,
    min: 1,
    max: 5,
    stricter: 'LOWER',
    source: PLATFORM,
    usedBy: 'prepaid',
  }),
  rule({
    key: 'prepaid.refund_execution_working_days',
    kind: 'DAYS',
    title: '退费指令执行期限 (工作日, 逾期预警并督办)',
    nationalDefault: 10,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'prepaid',
  }),
  rule({
    key: 'prepaid.auto_confirms_after_objection',
    kind: 'COUNT',
    title: '家长异议后仍被自动确认的消课记录数 (达到即记入信用记录)',
    nationalDefault: 3,
    min: 1,
    max: 100,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'prepaid',
  }),
  rule({
    key: 'prepaid.deposit_match_working_days',
    kind: 'DAYS',
    title: '入账资金匹配合同期限 (工作日, 逾期预警)',
    nationalDefault: 3,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'prepaid',
  }),

  // Credit (信用) and supervision escalation (督办).
  rule({
    key: 'credit.escrow_alert_deadline_days',
    kind: 'DAYS',
    title: '资金监管预警逾期未处置转信用记录天数',
    nationalDefault: 7,
    min: 1,
    max: 365,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'credit',
  }),
  rule({
    key: 'credit.whitelist_lookback_days',
    kind: 'DAYS',
    title: '白名单无违规回溯天数',
    nationalDefault: 365,
    min: 1,
    max: 3650,
    stricter: 'HIGHER',
    source: COUNTY,
    usedBy: 'credit',
  }),
  rule({
    key: 'supervision.level2_days',
    kind: 'DAYS',
    title: '逾期升级至二级督办天数',
    nationalDefault: 3,
    min: 0,
    max: 365,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'supervision',
  }),
  rule({
    key: 'supervision.level3_days',
    kind: 'DAYS',
    title: '逾期升级至三级督办天数',
    nationalDefault: 7,
    min: 0,
    max: 365,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'supervision',
  }),
  // Accountability (问责) after a level-3 escalation: days from the case's opening.
  rule({
    key: 'supervision.accountability_statement_days',
    kind: 'DAYS',
    title: '问责对象提交情况说明期限',
    nationalDefault: 5,
    min: 1,
    max: 30,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'supervision',
  }),
  rule({
    key: 'supervision.accountability_decision_days',
    kind: 'DAYS',
    title: '问责处理决定期限',
    nationalDefault: 15,
    min: 2,
    max: 90,
    stricter: 'LOWER',
    source: COUNTY,
    usedBy: 'supervision',
  }),
] as const satisfies readonly PolicyRule[];

export type PolicyKey = (typeof POLICY_RULES)[number]['key'];

const BY_KEY = new Map<string, PolicyRule>(POLICY_RULES.map((r) => [r.key, r]));

export function findPolicyRule(key: string): PolicyRule | undefined {
  return BY_KEY.get(key);
}

/** Problems with the catalogue itself (checked at start-up and by a unit spec). */
export function catalogueProblems(rules: readonly PolicyRule[] = POLICY_RULES): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.key)) problems.push(`${r.key}: declared twice`);
    seen.add(r.key);
    if (!Number.isInteger(r.nationalDefault) || !Number.isInteger(r.min) || !Number.isInteger(r.max))
      problems.push(`${r.key}: values are integers`);
    if (r.min > r.nationalDefault || r.nationalDefault > r.max)
      problems.push(`${r.key}: the national default lies outside its bounds`);
    if (r.stricter === 'LOWER' && r.source !== COUNTY && r.max !== r.nationalDefault)
      problems.push(`${r.key}: a national LOWER rule has the national value as its upper bound`);
    if (r.stricter === 'HIGHER' && r.source !== COUNTY && r.min !== r.nationalDefault)
      problems.push(`${r.key}: a national HIGHER rule has the national value as its lower bound`);
    if (r.kind === 'TIME_OF_DAY' && (r.min < 0 || r.max > 24 * 60 - 1))
      problems.push(`${r.key}: a time of day lies within 00:00–23:59`);
    if (!r.source.trim()) problems.push(`${r.key}: no legal source`);
  }
  return problems;
}

/** Pairs of rules whose values must keep an order: [smaller, larger] (strictly). */
export const POLICY_ORDERINGS: readonly (readonly [PolicyKey, PolicyKey])[] = [
  ['supervision.level2_days', 'supervision.level3_days'],
  ['supervision.accountability_statement_days', 'supervision.accountability_decision_days'],
];
