import { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_TYPES = [
  'SPECIAL_INSPECTION',
  'JOINT_ENFORCEMENT',
  'ROUTINE_INSPECTION',
  'ANNUAL_REVIEW_INSPECTION',
  'FIRE_HEALTH_INSPECTION',
  'ESCROW_ALERT_FOLLOW_UP',
  'COMPLAINT_INVESTIGATION',
  'UNLICENSED_SITE_INVESTIGATION',
  'RECTIFICATION_RECHECK',
];
const NEW_TEMPLATES: [string, number, [string, string][]][] = [
  [
    'EXAM_MANAGEMENT_INSPECTION',
    15,
    [
      ['EXAM_PLAN', '考试安排核查'],
      ['RESULTS_FORM', '成绩呈现方式（等级制，不排名）'],
      ['RECTIFY', '整改要求'],
    ],
  ],
  [
    'TEACHING_RESEARCH_VISIT',
    30,
    [
      ['DIAGNOSIS', '学业质量诊断'],
      ['GUIDANCE', '教研指导意见'],
    ],
  ],
  [
    'HOMEWORK_BURDEN_INSPECTION',
    10,
    [
      ['HOMEWORK_RECORDS', '作业公示与时长核查'],
      ['INTERVIEWS', '师生访谈'],
      ['RECTIFY', '整改要求'],
    ],
  ],
  [
    'TEACHER_BURDEN_REVIEW',
    10,
    [
      ['DEMAND', '进校园事项核查'],
      ['APPROVAL', '审批手续'],
    ],
  ],
];
const NEW_TYPES = NEW_TEMPLATES.map(([type]) => type);
const OLD_TARGETS = ['INSTITUTION', 'PREMISES', 'SCHOOL', 'TOWNSHIP', 'UNLICENSED_LEAD', 'COMPLAINT', 'ESCROW_ALERT'];

const list = (values: string[]): string => values.map((v) => `'${v}'`).join(',');

/**
 * Supervision tasks inside schools (issue #22: exam management, teaching-research visits, homework and
 * teacher burden) and tasks against a department (issue #23: the inspection office holds a department to
 * account). The task-type and target-kind CHECKs widen; each new type gets its checklist template.
 */
export class SchoolAndDepartmentTasks1764700000000 implements MigrationInterface {
  name = 'SchoolAndDepartmentTasks1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const types = list([...OLD_TYPES, ...NEW_TYPES]);
    await q.query(`ALTER TABLE supervision_task DROP CONSTRAINT supervision_task_type_check,
      ADD CONSTRAINT supervision_task_type_check CHECK (type IN (${types}))`);
    await q.query(`ALTER TABLE supervision_checklist_template DROP CONSTRAINT supervision_checklist_template_task_type_check,
      ADD CONSTRAINT supervision_checklist_template_task_type_check CHECK (task_type IN (${types}))`);
    await q.query(`ALTER TABLE supervision_task DROP CONSTRAINT supervision_task_target_kind_check,
      ADD CONSTRAINT supervision_task_target_kind_check CHECK (target_kind IN (${list([...OLD_TARGETS, 'DEPARTMENT'])}))`);
    for (const [type, days, items] of NEW_TEMPLATES) {
      await q.query(
        `INSERT INTO supervision_checklist_template (task_type, items, default_due_days) VALUES ($1, $2, $3)`,
        [type, JSON.stringify(items.map(([code, label]) => ({ code, label }))), days],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM supervision_task WHERE type IN (${list(NEW_TYPES)}) OR target_kind = 'DEPARTMENT'`);
    await q.query(`DELETE FROM supervision_checklist_template WHERE task_type IN (${list(NEW_TYPES)})`);
    const types = list(OLD_TYPES);
    await q.query(`ALTER TABLE supervision_task DROP CONSTRAINT supervision_task_type_check,
      ADD CONSTRAINT supervision_task_type_check CHECK (type IN (${types}))`);
    await q.query(`ALTER TABLE supervision_checklist_template DROP CONSTRAINT supervision_checklist_template_task_type_check,
      ADD CONSTRAINT supervision_checklist_template_task_type_check CHECK (task_type IN (${types}))`);
    await q.query(`ALTER TABLE supervision_task DROP CONSTRAINT supervision_task_target_kind_check,
      ADD CONSTRAINT supervision_task_target_kind_check CHECK (target_kind IN (${list(OLD_TARGETS)}))`);
  }
}
