import { EntityManager } from 'typeorm';
import { encrypt, piiHash } from '../../../platform/crypto/crypto';
import { checkCreditCode, creditCodeCheckCharacter } from '../credit-code';

/**
 * A valid demo credit code: registering authority + type, Xifeng's division code, a 9-character
 * organisation code from the code alphabet (no I, O, S, V, Z: "DEM0", with a zero), and the check
 * character. A code the service's own check would refuse stops the seed.
 */
export const demoCreditCode = (prefix: '91' | '52', org: string): string => {
  const first17 = `${prefix}520122${org}`;
  const result = checkCreditCode(first17 + creditCodeCheckCharacter(first17));
  if (!result.valid) throw new Error(`demo credit code for ${org} is invalid: ${result.message.en}`);
  return result.code;
};
const code = demoCreditCode;

interface DemoInstitution {
  org: string;
  name: string;
  category: 'SUBJECT' | 'NON_SUBJECT';
  kind: 'SPORTS' | 'ARTS' | 'SCIENCE_TECH' | 'OTHER' | null;
  legalForm: 'FOR_PROFIT' | 'NON_PROFIT';
  township: string;
  status: 'APPLIED' | 'APPROVED' | 'OPERATING' | 'SUSPENDED' | 'DEREGISTERED';
}

/** Demo institutions in several townships, categories and states (subject ones are the existing register under reduction). */
export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  {
    org: 'MA6DEM001',
    name: '息烽县博学教育培训学校',
    category: 'SUBJECT',
    kind: null,
    legalForm: 'FOR_PROFIT',
    township: '520122001',
    status: 'OPERATING',
  },
  {
    org: 'MA6DEM002',
    name: '息烽县启智学科培训中心',
    category: 'SUBJECT',
    kind: null,
    legalForm: 'NON_PROFIT',
    township: '520122001',
    status: 'OPERATING',
  },
  {
    org: 'MA6DEM003',
    name: '息烽县阳光美术培训学校',
    category: 'NON_SUBJECT',
    kind: 'ARTS',
    legalForm: 'FOR_PROFIT',
    township: '520122001',
    status: 'OPERATING',
  },
  {
    org: 'MA6DEM004',
    name: '永靖镇飞跃篮球训练营',
    category: 'NON_SUBJECT',
    kind: 'SPORTS',
    legalForm: 'FOR_PROFIT',
    township: '520122100',
    status: 'OPERATING',
  },
  {
    org: 'MA6DEM005',
    name: '温泉镇小创客科技培训中心',
    category: 'NON_SUBJECT',
    kind: 'SCIENCE_TECH',
    legalForm: 'FOR_PROFIT',
    township: '520122101',
    status: 'SUSPENDED',
  },
  {
    org: 'MA6DEM006',
    name: '九庄镇童声合唱艺术培训学校',
    category: 'NON_SUBJECT',
    kind: 'ARTS',
    legalForm: 'FOR_PROFIT',
    township: '520122102',
    status: 'APPROVED',
  },
  {
    org: 'MA6DEM007',
    name: '小寨坝镇悦动体育培训中心',
    category: 'NON_SUBJECT',
    kind: 'SPORTS',
    legalForm: 'FOR_PROFIT',
    township: '520122103',
    status: 'APPLIED',
  },
  {
    org: 'MA6DEM008',
    name: '西山镇书香学科辅导学校',
    category: 'SUBJECT',
    kind: null,
    legalForm: 'FOR_PROFIT',
    township: '520122104',
    status: 'DEREGISTERED',
  },
];

/**
 * Demo registry records (idempotent: institutions keyed by credit code): institutions with premises,
 * a few staff (one of them an in-service demo roster teacher), courses, the 2026 annual review
 * checklist and open unlicensed-training leads. Returns the number of institutions inserted.
 */
export async function seedRegistryDemo(
  em: EntityManager,
  keys: { piiHashKey: string; encryptionKey: Buffer },
  now: Date,
): Promise<number> {
  let inserted = 0;
  for (const d of DEMO_INSTITUTIONS) {
    // Demo data seeded before the fix carries the old, invalid code ("DEMO" with a letter O): correct it in
    // place, so reseeding such a database does not add the institutions a second time.
    const prefix = d.legalForm === 'NON_PROFIT' ? '52' : '91';
    const legacy17 = `${prefix}520122${d.org.replace('DEM0', 'DEMO')}`;
    const legacy = legacy17 + creditCodeCheckCharacter(legacy17);
    for (const table of ['institution', 'credit_entry']) {
      await em.query(`UPDATE ${table} SET credit_code = $1 WHERE credit_code = $2`, [code(prefix, d.org), legacy]);
    }
    const licensed = d.status !== 'APPLIED';
    const rows: { id: string }[] = await em.query(
      `INSERT INTO institution (name, credit_code, category, non_subject_kind, legal_form, competent_department_code, licence_number,
         licence_valid_from, licence_valid_until, township_code, grid_code, address, legal_representative, contact_phone,
         party_organisation_covered, party_work_covered, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'EDU', $6, $7, $8, $9, NULL, $10, $11, $12, $13, true, $14, $15, $15)
       ON CONFLICT (credit_code) DO NOTHING RETURNING id`,
      [
        d.name,
        code(d.legalForm === 'NON_PROFIT' ? '52' : '91', d.org),
        d.category,
        d.kind,
        d.legalForm,
        licensed ? `教民1520122700${d.org.slice(-2)}号` : null,
        licensed ? '2024-09-01' : null,
        licensed ? '2027-08-31' : null,
        d.township,
        `${d.name}（演示地址）`,
        '演示法人',
        '0851-87700000',
        d.category === 'SUBJECT',
        d.status,
        now,
      ],
    );
    const id = rows[0]?.id;
    if (!id) continue;
    inserted++;
    if (licensed) {
      await em.query(
        `INSERT INTO premises (institution_id, address, floor_area_m2, fire_design_review, fire_acceptance, fire_acceptance_date, fire_inspection,
           health_inspection, security_guards, physical_protection, technical_protection, created_at, updated_at)
         VALUES ($1, $2, 300, 'PASSED', 'PASSED', '2024-08-15', 'PASSED', 'PASSED', true, true, true, $3, $3)`,
        [id, `${d.name}（演示地址）`, now],
      );
    }
    if (d.status === 'OPERATING' && d.category === 'NON_SUBJECT') {
      await em.query(
        `INSERT INTO course (institution_id, name, topic, subject, target_grades, mode, lesson_minutes, price_per_hour_fen, term_start, term_end, weekly_slots, created_at)
         VALUES ($1, $2, $3, false, '{3,4,5,6}', 'OFFLINE', 60, 8000, '2026-09-01', '2027-01-20', $4, $5)`,
        [
          id,
          `${d.name}周末班`,
          d.kind === 'SPORTS' ? 'PHYSICAL_EDUCATION' : 'ARTS',
          JSON.stringify([{ weekday: 6, start: '09:00', end: '10:00' }]),
          now,
        ],
      );
    }
  }
  if (inserted === 0) return 0;

  const [first] = await em.query(`SELECT id FROM institution WHERE credit_code = $1`, [code('91', 'MA6DEM003')]);
  const staff = [
    { name: '孙老师', idNumber: '520122199505051234' },
    // The demo roster's 王老师 (reference demo data): an in-service teacher, flagged.
    { name: '王某', idNumber: '520122198501010011' },
  ];
  for (const s of staff) {
    const hash = piiHash(keys.piiHashKey, s.idNumber);
    const [teacher] = await em.query(`SELECT id FROM teacher WHERE id_number_hash = $1 AND active`, [hash]);
    await em.query(
      `INSERT INTO staff (institution_id, name, id_number_hash, id_number_encrypted, position, background_check, in_service_teacher_id, created_at)
       VALUES ($1, $2, $3, $4, 'TEACHER', 'CLEARED', $5, $6) ON CONFLICT DO NOTHING`,
      [first.id, s.name, hash, encrypt(keys.encryptionKey, s.idNumber), teacher?.id ?? null, now],
    );
  }
  await em.query(
    `INSERT INTO annual_review_checklist (year, items, pass_score, basic_pass_score, updated_at) VALUES (2026, $1, 85, 60, $2) ON CONFLICT (year) DO NOTHING`,
    [
      JSON.stringify([
        { code: 'LICENCE', title: '证照齐全、在有效期内', maxScore: 15 },
        { code: 'SAFETY', title: '场所消防与安全管理', maxScore: 25 },
        { code: 'STAFF', title: '从业人员资质与管理', maxScore: 20 },
        { code: 'FEES', title: '收费与资金监管', maxScore: 20 },
        { code: 'TEACHING', title: '培训内容、时间与材料', maxScore: 20 },
      ]),
      now,
    ],
  );
  const day = 86_400_000;
  await em.query(
    `INSERT INTO unlicensed_lead (township_code, location, kind, source, description, status, reported_at)
     VALUES ('520122001', '永阳街道某小区 5 栋', 'DAY_CARE', 'GRID_PATROL', '以“托管”名义开展学科类培训', 'OPEN', $1),
            ('520122101', '温泉镇某民宿', 'SUMMER_CAMP', 'PUBLIC_OPINION', '“夏令营”宣传含学科辅导内容', 'INVESTIGATING', $2),
            ('520122100', '永靖镇某家政公司', 'HOUSEKEEPING', 'COMPLAINT', '以家政服务名义提供住家教师', 'OPEN', $3)`,
    [new Date(now.getTime() - 3 * day), new Date(now.getTime() - 12 * day), new Date(now.getTime() - 45 * day)],
  );
  return inserted;
}
