import { EntityManager } from 'typeorm';
import { ReferenceData } from './reference-data';

export interface SeedCounts {
  townships: number;
  departments: number;
  duties: number;
  calendarPeriods: number;
}

/**
 * Loads reference data idempotently: rows are upserted by their natural codes, so running it again
 * changes nothing and a corrected name in the data file is applied. Duties no longer in the file are
 * removed (the file is the source of the duty table).
 */
export async function seedReference(em: EntityManager, data: ReferenceData): Promise<SeedCounts> {
  await em.query(
    `INSERT INTO county (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
    [data.county.code, data.county.name],
  );
  await em.query(
    `INSERT INTO township (code, county_code, name, kind)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[])
     ON CONFLICT (code) DO UPDATE SET county_code = EXCLUDED.county_code, name = EXCLUDED.name, kind = EXCLUDED.kind`,
    [
      data.townships.map((t) => t.code),
      data.townships.map(() => data.county.code),
      data.townships.map((t) => t.name),
      data.townships.map((t) => t.kind),
    ],
  );
  await em.query(
    `INSERT INTO department (code, name, sort_order)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::int[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, sort_order = EXCLUDED.sort_order`,
    [data.departments.map((d) => d.code), data.departments.map((d) => d.name), data.departments.map((_, i) => i + 1)],
  );
  const duties = data.departments.flatMap((d) =>
    Object.entries(d.duties).map(([duty, description]) => ({ department: d.code, duty, description })),
  );
  await em.query(
    `DELETE FROM department_duty d
     WHERE NOT EXISTS (SELECT 1 FROM unnest($1::varchar[], $2::varchar[]) AS f(dep, duty)
                       WHERE f.dep = d.department_code AND f.duty = d.duty)`,
    [duties.map((d) => d.department), duties.map((d) => d.duty)],
  );
  await em.query(
    `INSERT INTO department_duty (department_code, duty, description)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[])
     ON CONFLICT (department_code, duty) DO UPDATE SET description = EXCLUDED.description`,
    [duties.map((d) => d.department), duties.map((d) => d.duty), duties.map((d) => d.description)],
  );
  // The calendar file is the source of the seeded periods (source SEED): those no longer in it are removed.
  // Periods the county entered or changed (source COUNTY) are left alone, a seeded period the county
  // deleted (removed_at set) is not brought back, and a file period overlapping a county period of the
  // same kind is skipped (the county's version wins).
  await em.query(
    `DELETE FROM calendar_period c
     WHERE c.source = 'SEED'
       AND NOT EXISTS (SELECT 1 FROM unnest($1::varchar[], $2::date[]) AS f(kind, start_date)
                       WHERE f.kind = c.kind AND f.start_date = c.start_date)`,
    [data.calendar.map((c) => c.kind), data.calendar.map((c) => c.startDate)],
  );
  await em.query(
    `INSERT INTO calendar_period (kind, name, start_date, end_date, source)
     SELECT f.kind, f.name, f.start_date, f.end_date, 'SEED'
     FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::date[]) AS f(kind, name, start_date, end_date)
     WHERE NOT EXISTS (SELECT 1 FROM calendar_period c
                       WHERE c.source = 'COUNTY' AND c.kind = f.kind AND c.start_date <= f.end_date AND c.end_date >= f.start_date)
     ON CONFLICT (kind, start_date) DO UPDATE SET name = EXCLUDED.name, end_date = EXCLUDED.end_date
       WHERE calendar_period.source = 'SEED' AND calendar_period.removed_at IS NULL`,
    [
      data.calendar.map((c) => c.kind),
      data.calendar.map((c) => c.name),
      data.calendar.map((c) => c.startDate),
      data.calendar.map((c) => c.endDate),
    ],
  );
  return {
    townships: data.townships.length,
    departments: data.departments.length,
    duties: duties.length,
    calendarPeriods: data.calendar.length,
  };
}
