import { EntityManager } from 'typeorm';
import { piiHash } from '../../../platform/crypto/crypto';
import { SchoolStage } from '../entities/school.entity';

/**
 * Demo reference records: grid cells, schools and a small teacher roster. They are samples for a demo
 * or a training environment, not the county's real registers (those are imported by the county).
 */
const DEMO_SCHOOLS: { code: string; name: string; townshipCode: string; stage: SchoolStage; address: string }[] = [
  {
    code: 'DEMO-S001',
    name: '息烽县永阳街道第一小学',
    townshipCode: '520122001',
    stage: SchoolStage.PRIMARY,
    address: '永阳街道示例路1号',
  },
  {
    code: 'DEMO-S002',
    name: '息烽县第二中学',
    townshipCode: '520122001',
    stage: SchoolStage.JUNIOR,
    address: '永阳街道示例路8号',
  },
  {
    code: 'DEMO-S003',
    name: '息烽县永靖镇中心小学',
    townshipCode: '520122100',
    stage: SchoolStage.PRIMARY,
    address: '永靖镇示例街2号',
  },
  {
    code: 'DEMO-S004',
    name: '息烽县温泉镇中心学校',
    townshipCode: '520122101',
    stage: SchoolStage.NINE_YEAR,
    address: '温泉镇示例街3号',
  },
  {
    code: 'DEMO-S005',
    name: '息烽县九庄镇中心小学',
    townshipCode: '520122102',
    stage: SchoolStage.PRIMARY,
    address: '九庄镇示例街4号',
  },
  {
    code: 'DEMO-S006',
    name: '息烽县小寨坝镇中学',
    townshipCode: '520122103',
    stage: SchoolStage.JUNIOR,
    address: '小寨坝镇示例街5号',
  },
  {
    code: 'DEMO-S007',
    name: '息烽县西山镇中心小学',
    townshipCode: '520122104',
    stage: SchoolStage.PRIMARY,
    address: '西山镇示例街6号',
  },
  {
    code: 'DEMO-S008',
    name: '息烽县青山苗族乡民族学校',
    townshipCode: '520122200',
    stage: SchoolStage.NINE_YEAR,
    address: '青山苗族乡示例街7号',
  },
];

/** Teachers on the demo roster; ID numbers are made-up samples (only their keyed hash is stored). */
const DEMO_TEACHERS: { schoolCode: string; name: string; idNumber: string }[] = [
  { schoolCode: 'DEMO-S001', name: '王老师', idNumber: '520122198501010011' },
  { schoolCode: 'DEMO-S001', name: '李老师', idNumber: '520122198702020022' },
  { schoolCode: 'DEMO-S002', name: '张老师', idNumber: '520122199003030033' },
  { schoolCode: 'DEMO-S003', name: '刘老师', idNumber: '520122198804040044' },
  { schoolCode: 'DEMO-S004', name: '陈老师', idNumber: '52012219920505005X' },
];

export async function seedReferenceDemo(em: EntityManager, piiHashKey: string, townshipCodes: string[]): Promise<void> {
  const grids = townshipCodes.flatMap((t) =>
    [1, 2, 3].map((n) => ({ code: `${t}-G${String(n).padStart(2, '0')}`, township: t, name: `第${n}网格` })),
  );
  await em.query(
    `INSERT INTO grid_cell (code, township_code, name) SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])
     ON CONFLICT (code) DO NOTHING`,
    [grids.map((g) => g.code), grids.map((g) => g.township), grids.map((g) => g.name)],
  );
  await em.query(
    `INSERT INTO school (code, name, township_code, stage, address)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, township_code = EXCLUDED.township_code, stage = EXCLUDED.stage, address = EXCLUDED.address`,
    [
      DEMO_SCHOOLS.map((s) => s.code),
      DEMO_SCHOOLS.map((s) => s.name),
      DEMO_SCHOOLS.map((s) => s.townshipCode),
      DEMO_SCHOOLS.map((s) => s.stage),
      DEMO_SCHOOLS.map((s) => s.address),
    ],
  );
  await em.query(
    `INSERT INTO teacher (school_id, name, id_number_hash)
     SELECT s.id, t.name, t.hash FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS t(school_code, name, hash)
     JOIN school s ON s.code = t.school_code
     ON CONFLICT (id_number_hash) DO NOTHING`,
    [
      DEMO_TEACHERS.map((t) => t.schoolCode),
      DEMO_TEACHERS.map((t) => t.name),
      DEMO_TEACHERS.map((t) => piiHash(piiHashKey, t.idNumber)),
    ],
  );
}

/** The demo schools and their roster teachers as stored (ids included), for other modules' demo seeders. */
export async function demoSchoolsAndTeachers(em: EntityManager): Promise<{
  schools: { id: string; code: string; townshipCode: string; stage: SchoolStage }[];
  teachers: { id: string; schoolId: string; name: string }[];
}> {
  const schools: { id: string; code: string; townshipCode: string; stage: SchoolStage }[] = await em.query(
    `SELECT id, code, township_code AS "townshipCode", stage FROM school WHERE code = ANY($1::varchar[]) ORDER BY code`,
    [DEMO_SCHOOLS.map((s) => s.code)],
  );
  const teachers: { id: string; schoolId: string; name: string }[] = await em.query(
    `SELECT id, school_id AS "schoolId", name FROM teacher WHERE school_id = ANY($1::uuid[]) AND active ORDER BY name`,
    [schools.map((s) => s.id)],
  );
  return { schools, teachers };
}
