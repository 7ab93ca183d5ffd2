import { EntityManager } from 'typeorm';
import { addDays } from '../../../platform/clock/business-time';
import { SchoolStage, demoSchoolsAndTeachers } from '../../reference';
import { NATIONAL_HOMEWORK_LIMITS } from '../after-school.policy';
import { homeworkLimitFor, isWeekday, schoolYearOf } from '../after-school.rules';

const DEMO_SLOTS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '15:40', end: '17:40' }));
const GRADES: Record<SchoolStage, number[]> = { PRIMARY: [1, 3, 5], JUNIOR: [7, 8], NINE_YEAR: [3, 7] };
const SUBJECTS: Record<string, [string, number][]> = {
  low: [],
  mid: [
    ['语文', 20],
    ['数学', 20],
  ],
  junior: [
    ['语文', 25],
    ['数学', 30],
    ['英语', 20],
  ],
};

/**
 * Demo after-school records for the demo schools (idempotent): an approved plan for the semester of
 * `today`, class participation, fee standards and charges, teacher hours and three weeks of homework
 * (weekdays) up to the day before `today` — one school skips two days, one class overruns now and then, so
 * the KPIs show something to look at.
 */
export async function seedAfterSchoolDemo(
  em: EntityManager,
  today: string,
): Promise<{ schools: number; homeworkDays: number }> {
  const { schools, teachers } = await demoSchoolsAndTeachers(em);
  const month = Number(today.slice(5, 7));
  const semester = month >= 9 || month === 1 ? `${schoolYearOf(today)}-1` : `${schoolYearOf(today)}-2`;
  const now = new Date();
  const days: string[] = [];
  for (let d = addDays(today, -21); d < today; d = addDays(d, 1)) if (isWeekday(d)) days.push(d);

  await em.query(
    `INSERT INTO after_school_fee_standard (code, name, fee_fen_per_semester, approved_by, created_at)
     VALUES ('ARTS', '文化艺术兴趣培育', 20000, 'demo', $1), ('SPORTS', '体育兴趣培育', 15000, 'demo', $1) ON CONFLICT (code) DO NOTHING`,
    [now],
  );
  for (const [index, school] of schools.entries()) {
    const [plan] = (await em.query(
      `INSERT INTO after_school_plan (school_id, township_code, semester, status, time_slots, basic_care, customised_services, submitted_at, reviewed_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'APPROVED', $4, '作业辅导与自主阅读', '["书法","篮球","科学实验"]', $5, $5, $5, $5)
       ON CONFLICT (school_id, semester) DO NOTHING RETURNING id`,
      [school.id, school.townshipCode, semester, JSON.stringify(DEMO_SLOTS), now],
    )) as { id: string }[];
    if (plan) {
      for (const teacher of teachers.filter((t) => t.schoolId === school.id)) {
        await em.query(
          `INSERT INTO after_school_plan_staff (plan_id, school_id, kind, teacher_id, name) VALUES ($1, $2, 'TEACHER', $3, $4)`,
          [plan.id, school.id, teacher.id, teacher.name],
        );
      }
      await em.query(
        `INSERT INTO after_school_plan_staff (plan_id, school_id, kind, name) VALUES ($1, $2, 'VOLUNTEER', '团县委志愿者服务队')`,
        [plan.id, school.id],
      );
    }
    for (const grade of GRADES[school.stage]) {
      for (const className of [`${grade}(1)班`, `${grade}(2)班`]) {
        await em.query(
          `INSERT INTO after_school_participation (school_id, township_code, semester, grade, class_name, enrolled, asked, served, updated_at)
           VALUES ($1, $2, $3, $4, $5, 45, 40, $6, $7) ON CONFLICT DO NOTHING`,
          [school.id, school.townshipCode, semester, grade, className, index % 3 === 0 ? 38 : 40, now],
        );
        const band = grade <= 2 ? 'low' : grade <= 6 ? 'mid' : 'junior';
        const limit = homeworkLimitFor(grade, NATIONAL_HOMEWORK_LIMITS);
        for (const [dayIndex, day] of days.entries()) {
          if (index === 1 && dayIndex % 7 === 3) continue; // a school that forgets now and then
          const subjects = SUBJECTS[band]!.map(([subject, minutes]) => ({ subject, minutes }));
          const estimated = subjects.reduce((sum, s) => sum + s.minutes, 0);
          const reported = estimated + (index === 2 && className.endsWith('(2)班') && dayIndex % 5 === 0 ? 40 : 0);
          await em.query(
            `INSERT INTO homework_record (school_id, township_code, grade, class_name, homework_date, subjects, estimated_minutes, reported_minutes, limit_minutes, published_at, reported_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) ON CONFLICT DO NOTHING`,
            [
              school.id,
              school.townshipCode,
              grade,
              className,
              day,
              JSON.stringify(subjects),
              estimated,
              reported,
              limit,
              now,
            ],
          );
        }
      }
    }
    await em.query(
      `INSERT INTO after_school_fee_charge (school_id, township_code, semester, fee_standard_code, students, exempted_students, updated_at)
       VALUES ($1, $2, $3, 'ARTS', 60, 4, $4), ($1, $2, $3, 'SPORTS', 50, 3, $4) ON CONFLICT DO NOTHING`,
      [school.id, school.townshipCode, semester, now],
    );
    for (const teacher of teachers.filter((t) => t.schoolId === school.id)) {
      for (const day of days) {
        await em.query(
          `INSERT INTO after_school_teacher_hours (school_id, township_code, teacher_id, teacher_name, service_date, minutes, created_at)
           VALUES ($1, $2, $3, $4, $5, 120, $6) ON CONFLICT DO NOTHING`,
          [school.id, school.townshipCode, teacher.id, teacher.name, day, now],
        );
      }
    }
    const schoolYear = schoolYearOf(today);
    const [{ n }] = (await em.query(
      `SELECT count(*)::int AS n FROM family_education_session WHERE school_id = $1 AND school_year = $2`,
      [school.id, schoolYear],
    )) as { n: number }[];
    if (n === 0 && days.length > 0) {
      await em.query(
        `INSERT INTO family_education_session (school_id, township_code, school_year, kind, session_date, minutes, topic, created_at)
         VALUES ($1, $2, $3, 'GUIDANCE', $4, 120, '家长学校：科学做好家庭作业陪伴', $5), ($1, $2, $3, 'CONSULTATION', $4, 90, '“双减”政策公益咨询', $5)`,
        [school.id, school.townshipCode, schoolYear, days[0], now],
      );
    }
  }
  return { schools: schools.length, homeworkDays: days.length };
}
