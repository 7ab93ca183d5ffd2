import { MigrationInterface, QueryRunner } from 'typeorm';

const TYPES = `'SPECIAL_INSPECTION','JOINT_ENFORCEMENT','ROUTINE_INSPECTION','ANNUAL_REVIEW_INSPECTION','FIRE_HEALTH_INSPECTION','ESCROW_ALERT_FOLLOW_UP','COMPLAINT_INVESTIGATION','UNLICENSED_SITE_INVESTIGATION','RECTIFICATION_RECHECK'`;

/** Default checklists per task type (data: the county edits them with updateChecklistTemplate). */
const TEMPLATES: [string, number, [string, string][]][] = [
  [
    'SPECIAL_INSPECTION',
    14,
    [
      ['LICENCE', '办学许可证在有效期内'],
      ['SUBJECT_TRAINING', '无违规学科类培训'],
      ['ESCROW', '预收费纳入资金监管'],
      ['STAFF', '从业人员无在职教师'],
    ],
  ],
  [
    'JOINT_ENFORCEMENT',
    7,
    [
      ['SITE_FOUND', '现场核查'],
      ['LICENCE', '证照核查'],
      ['ACTION', '处置措施'],
    ],
  ],
  [
    'ROUTINE_INSPECTION',
    30,
    [
      ['LICENCE', '办学许可证在有效期内'],
      ['SCHEDULE', '培训时间符合规定'],
      ['MATERIALS', '培训材料已备案'],
      ['SAFETY', '安全措施落实'],
    ],
  ],
  [
    'ANNUAL_REVIEW_INSPECTION',
    30,
    [
      ['LICENCE', '办学许可证在有效期内'],
      ['FINANCE', '财务与预收费'],
      ['STAFF', '从业人员资质'],
      ['PREMISES', '办学场所'],
    ],
  ],
  [
    'FIRE_HEALTH_INSPECTION',
    14,
    [
      ['FIRE', '消防安全'],
      ['HEALTH', '卫生条件'],
      ['EVACUATION', '疏散通道畅通'],
    ],
  ],
  [
    'ESCROW_ALERT_FOLLOW_UP',
    7,
    [
      ['BALANCE', '监管账户余额核实'],
      ['CAUSE', '预警原因'],
      ['MEASURES', '风险处置措施'],
    ],
  ],
  [
    'COMPLAINT_INVESTIGATION',
    15,
    [
      ['FACTS', '投诉事实核查'],
      ['EVIDENCE', '证据收集'],
      ['CONCLUSION', '调查结论'],
    ],
  ],
  [
    'UNLICENSED_SITE_INVESTIGATION',
    7,
    [
      ['SITE_FOUND', '现场核查'],
      ['TRAINING_FOUND', '是否存在培训行为'],
      ['ACTION', '取缔或规范'],
    ],
  ],
  [
    'RECTIFICATION_RECHECK',
    7,
    [
      ['RECTIFIED', '整改要求已落实'],
      ['EVIDENCE', '整改佐证材料'],
    ],
  ],
];

/** Supervision tasks (督导检查), findings, rectification orders (整改通知), the escalation ladder and reports. */
export class Supervision1764400800000 implements MigrationInterface {
  name = 'Supervision1764400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE supervision_checklist_template (
      task_type varchar(40) PRIMARY KEY CHECK (task_type IN (${TYPES})),
      items jsonb NOT NULL,
      default_due_days int NOT NULL CHECK (default_due_days BETWEEN 1 AND 365),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    for (const [type, days, items] of TEMPLATES) {
      await q.query(
        `INSERT INTO supervision_checklist_template (task_type, items, default_due_days) VALUES ($1, $2, $3)`,
        [type, JSON.stringify(items.map(([code, label]) => ({ code, label }))), days],
      );
    }
    await q.query(`CREATE TABLE supervision_campaign (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE supervision_task (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      type varchar(40) NOT NULL CHECK (type IN (${TYPES})),
      status varchar(16) NOT NULL CHECK (status IN ('ASSIGNED','IN_PROGRESS','SUBMITTED','ACCEPTED','RETURNED','CLOSED','CANCELLED')),
      title varchar(200) NOT NULL,
      description text NOT NULL DEFAULT '',
      target_kind varchar(20) NOT NULL CHECK (target_kind IN ('INSTITUTION','PREMISES','SCHOOL','TOWNSHIP','UNLICENSED_LEAD','COMPLAINT','ESCROW_ALERT')),
      target_id varchar(64) NOT NULL,
      institution_id uuid,
      township_code varchar(12),
      lead_department_code varchar(32) NOT NULL,
      cooperating_department_codes varchar(32)[] NOT NULL DEFAULT '{}',
      assignee_ids uuid[] NOT NULL DEFAULT '{}',
      due_at timestamptz NOT NULL,
      campaign_id uuid REFERENCES supervision_campaign(id),
      checklist jsonb NOT NULL,
      source_ref varchar(120),
      escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
      escalated_at timestamptz,
      return_reason text,
      cancel_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      done_at timestamptz,
      closed_at timestamptz)`);
    // One task per source event (subscribers, completed rectification orders).
    await q.query(
      `CREATE UNIQUE INDEX uq_supervision_task_source ON supervision_task (source_ref) WHERE source_ref IS NOT NULL`,
    );
    // The escalation sweep reads only open tasks, from the earliest due date: its cost follows the overdue
    // ones. escalation_level is deliberately in no index, and pages keep 10 % free, so raising it is a HOT
    // update that touches no index however large the table grows.
    await q.query(`ALTER TABLE supervision_task SET (fillfactor = 90)`);
    await q.query(
      `CREATE INDEX idx_supervision_task_sweep ON supervision_task (due_at, id) WHERE status IN ('ASSIGNED','IN_PROGRESS','RETURNED')`,
    );
    // Lists: by department (lead or co-operating), township, assignee, newest first; reports by period.
    await q.query(
      `CREATE INDEX idx_supervision_task_lead ON supervision_task (lead_department_code, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX idx_supervision_task_township ON supervision_task (township_code, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX idx_supervision_task_created ON supervision_task (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX idx_supervision_task_cooperating ON supervision_task USING gin (cooperating_department_codes)`,
    );
    await q.query(`CREATE INDEX idx_supervision_task_assignees ON supervision_task USING gin (assignee_ids)`);
    await q.query(
      `CREATE INDEX idx_supervision_task_closed ON supervision_task (closed_at) WHERE closed_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX idx_supervision_task_campaign ON supervision_task (campaign_id) WHERE campaign_id IS NOT NULL`,
    );

    await q.query(`CREATE TABLE supervision_finding (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_id uuid NOT NULL REFERENCES supervision_task(id),
      summary text NOT NULL,
      checklist_results jsonb NOT NULL,
      evidence jsonb NOT NULL,
      recorded_by varchar(100) NOT NULL,
      recorded_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_supervision_finding_task ON supervision_finding (task_id, recorded_at)`);
    await q.query(`CREATE TABLE supervision_violation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      finding_id uuid NOT NULL REFERENCES supervision_finding(id),
      task_id uuid NOT NULL REFERENCES supervision_task(id),
      institution_id uuid NOT NULL,
      severity varchar(10) NOT NULL CHECK (severity IN ('MINOR','SERIOUS','GRAVE')),
      kind varchar(64) NOT NULL,
      description text NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_supervision_violation_finding ON supervision_violation (finding_id)`);
    await q.query(
      `CREATE INDEX idx_supervision_violation_institution ON supervision_violation (institution_id, created_at)`,
    );

    await q.query(`CREATE TABLE rectification_order (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      finding_id uuid NOT NULL REFERENCES supervision_finding(id),
      task_id uuid NOT NULL REFERENCES supervision_task(id),
      institution_id uuid,
      township_code varchar(12),
      lead_department_code varchar(32) NOT NULL,
      requirements text NOT NULL,
      deadline_at timestamptz NOT NULL,
      status varchar(12) NOT NULL CHECK (status IN ('OPEN','COMPLETED')),
      escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),
      escalated_at timestamptz,
      completion_note text,
      completed_at timestamptz,
      recheck_task_id uuid REFERENCES supervision_task(id),
      created_at timestamptz NOT NULL)`);
    await q.query(`ALTER TABLE rectification_order SET (fillfactor = 90)`);
    await q.query(
      `CREATE INDEX idx_rectification_order_sweep ON rectification_order (deadline_at, id) WHERE status = 'OPEN'`,
    );
    await q.query(`CREATE INDEX idx_rectification_order_task ON rectification_order (task_id)`);
    await q.query(`CREATE INDEX idx_rectification_order_created ON rectification_order (created_at)`);

    await q.query(`CREATE TABLE supervision_escalation (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      item_kind varchar(12) NOT NULL CHECK (item_kind IN ('TASK','ORDER','COMPLAINT')),
      item_id uuid NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      overdue_days int NOT NULL,
      lead_department_code varchar(32) NOT NULL,
      township_code varchar(12),
      notified jsonb NOT NULL,
      escalated_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_supervision_escalation_item ON supervision_escalation (item_id, level)`);
    await q.query(`CREATE INDEX idx_supervision_escalation_at ON supervision_escalation (escalated_at)`);

    await q.query(`CREATE TABLE supervision_report (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(10) NOT NULL CHECK (kind IN ('MONTHLY','QUARTERLY')),
      period varchar(7) NOT NULL,
      trigger varchar(10) NOT NULL CHECK (trigger IN ('SCHEDULED','ON_DEMAND')),
      figures jsonb NOT NULL,
      csv text NOT NULL,
      xlsx bytea NOT NULL,
      generated_by varchar(100) NOT NULL,
      generated_at timestamptz NOT NULL)`);
    // A scheduled report is made once per period, however many workers run the scheduler.
    await q.query(
      `CREATE UNIQUE INDEX uq_supervision_report_scheduled ON supervision_report (period) WHERE trigger = 'SCHEDULED'`,
    );
    await q.query(`CREATE INDEX idx_supervision_report_generated ON supervision_report (generated_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'supervision_report',
      'supervision_escalation',
      'rectification_order',
      'supervision_violation',
      'supervision_finding',
      'supervision_task',
      'supervision_campaign',
      'supervision_checklist_template',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
