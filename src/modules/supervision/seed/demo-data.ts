import { EntityManager } from 'typeorm';

const DAY = 86_400_000;

/**
 * Demo supervision work (a fixture, not commands: no events, no audit): a summer campaign, tasks in
 * several states and types — one closed with a finding, a violation and an open rectification order,
 * one overdue at ladder level 1 — and the checklists from the templates. Returns how many tasks it made
 * (0 when demo tasks exist already).
 */
export async function seedSupervisionDemo(em: EntityManager, now: Date): Promise<number> {
  const [{ n }] = (await em.query(
    `SELECT count(*)::int AS n FROM supervision_task WHERE source_ref LIKE 'demo:%'`,
  )) as [{ n: number }];
  if (n > 0) return 0;
  const templates = new Map(
    (
      (await em.query(`SELECT task_type, items FROM supervision_checklist_template`)) as {
        task_type: string;
        items: unknown;
      }[]
    ).map((t) => [t.task_type, JSON.stringify(t.items)]),
  );
  const institutions = (await em.query(
    `SELECT id, township_code FROM institution ORDER BY created_at, id LIMIT 2`,
  )) as { id: string; township_code: string }[];
  const year = now.getUTCFullYear();
  const [campaign] = (await em.query(
    `INSERT INTO supervision_campaign (name, description, starts_on, ends_on, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    ['暑期校外培训专项治理行动', '暑假期间学科类违规培训、隐形变异培训专项排查', `${year}-07-01`, `${year}-08-31`, now],
  )) as { id: string }[];
  const task = async (
    ref: string,
    t: {
      type: string;
      status: string;
      title: string;
      targetKind: string;
      targetId: string;
      institutionId?: string;
      township: string;
      lead: string;
      co?: string[];
      dueInDays: number;
      level?: number;
      campaign?: boolean;
    },
  ) => {
    const due = new Date(now.getTime() + t.dueInDays * DAY);
    const closed = t.status === 'CLOSED' ? now : null;
    const [row] = (await em.query(
      `INSERT INTO supervision_task (type, status, title, target_kind, target_id, institution_id, township_code, lead_department_code, cooperating_department_codes,
         due_at, campaign_id, checklist, source_ref, escalation_level, escalated_at, created_at, updated_at, done_at, closed_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$16,$17,$17) RETURNING id`,
      [
        t.type,
        t.status,
        t.title,
        t.targetKind,
        t.targetId,
        t.institutionId ?? null,
        t.township,
        t.lead,
        t.co ?? [],
        due,
        t.campaign ? campaign!.id : null,
        templates.get(t.type),
        `demo:${ref}`,
        t.level ?? 0,
        t.level ? now : null,
        new Date(now.getTime() - 10 * DAY),
        closed,
      ],
    )) as { id: string }[];
    return row!.id;
  };
  let count = 0;
  await task('joint-1', {
    type: 'JOINT_ENFORCEMENT',
    status: 'IN_PROGRESS',
    title: '永阳街道暑期联合执法',
    targetKind: 'TOWNSHIP',
    targetId: '520122001',
    township: '520122001',
    lead: 'EDU',
    co: ['MARKET_REGULATION', 'PUBLIC_SECURITY'],
    dueInDays: 5,
    campaign: true,
  });
  await task('fire-1', {
    type: 'FIRE_HEALTH_INSPECTION',
    status: 'ASSIGNED',
    title: '温泉镇培训场所消防检查',
    targetKind: 'TOWNSHIP',
    targetId: '520122101',
    township: '520122101',
    lead: 'FIRE_RESCUE',
    dueInDays: 10,
  });
  const late = await task('routine-late', {
    type: 'ROUTINE_INSPECTION',
    status: 'ASSIGNED',
    title: '九庄镇日常巡查（逾期）',
    targetKind: 'TOWNSHIP',
    targetId: '520122102',
    township: '520122102',
    lead: 'EDU',
    co: ['TOWNSHIP'],
    dueInDays: -2,
    level: 1,
  });
  await em.query(
    `INSERT INTO supervision_escalation (item_kind, item_id, level, overdue_days, lead_department_code, township_code, notified, escalated_at) VALUES ('TASK', $1, 1, 2, 'EDU', '520122102', $2, $3)`,
    [late, JSON.stringify({ userIds: [], departmentCodes: ['EDU'], townshipCodes: ['520122102'], roles: [] }), now],
  );
  count += 3;
  const inst = institutions[0];
  if (inst) {
    const special = await task('special-1', {
      type: 'SPECIAL_INSPECTION',
      status: 'CLOSED',
      title: '暑期学科类培训专项督导',
      targetKind: 'INSTITUTION',
      targetId: inst.id,
      institutionId: inst.id,
      township: inst.township_code,
      lead: 'EDU',
      dueInDays: -1,
      campaign: true,
    });
    const [finding] = (await em.query(
      `INSERT INTO supervision_finding (task_id, summary, checklist_results, evidence, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, 'demo', $5) RETURNING id`,
      [
        special,
        '周六上午开展初中数学培训',
        JSON.stringify([
          { code: 'LICENCE', result: 'PASS', note: null },
          { code: 'SUBJECT_TRAINING', result: 'FAIL', note: '周六数学课' },
        ]),
        JSON.stringify([
          {
            fileName: 'site-photo.jpg',
            contentType: 'image/jpeg',
            sizeBytes: 204800,
            sha256: 'e'.repeat(64),
            storageRef: 'demo://evidence/site-photo.jpg',
          },
        ]),
        now,
      ],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO supervision_violation (finding_id, task_id, institution_id, severity, kind, description, created_at) VALUES ($1, $2, $3, 'SERIOUS', 'SUBJECT_TRAINING', '周末开展学科类培训', $4)`,
      [finding!.id, special, inst.id, now],
    );
    await em.query(
      `INSERT INTO rectification_order (finding_id, task_id, institution_id, township_code, lead_department_code, requirements, deadline_at, status, created_at)
       VALUES ($1, $2, $3, $4, 'EDU', '立即停止周末学科类培训，退还相关费用', $5, 'OPEN', $6)`,
      [finding!.id, special, inst.id, inst.township_code, new Date(now.getTime() + 7 * DAY), now],
    );
    count += 1;
  }
  return count;
}
