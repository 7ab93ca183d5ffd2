import { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'COUNTY_ADMIN','DEPARTMENT_OFFICER','TOWNSHIP_OFFICER','SCHOOL_ADMIN','INSPECTOR','DISCIPLINE_SUPERVISOR'`;
const SCOPE_BEFORE = `CASE
  WHEN role IN ('COUNTY_ADMIN','DISCIPLINE_SUPERVISOR') THEN num_nonnulls(department_code, township_code, school_id) = 0
  WHEN role IN ('DEPARTMENT_OFFICER','INSPECTOR') THEN department_code IS NOT NULL AND num_nonnulls(township_code, school_id) = 0
  WHEN role = 'TOWNSHIP_OFFICER' THEN township_code IS NOT NULL AND num_nonnulls(department_code, school_id) = 0
  WHEN role = 'SCHOOL_ADMIN' THEN school_id IS NOT NULL AND num_nonnulls(department_code, township_code) = 0
END`;

/**
 * The institution side (机构端, issue #20): users of the role INSTITUTION_ADMIN carry the one institution they
 * act for (`app_user.institution_id`; the role and scope checks of the table learn the new role), and an
 * institution's replies to complaints about itself are kept beside the complaint (not on the public
 * timeline: they are the institution's statement to the handling officers). Notifications get an
 * INSTITUTION address (the institution's administrators).
 */
export class InstitutionAdmins1764500300000 implements MigrationInterface {
  name = 'InstitutionAdmins1764500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN institution_id uuid REFERENCES institution(id)`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(
      `ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE},'INSTITUTION_ADMIN'))`,
    );
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_scope_matches_role`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_scope_matches_role CHECK (CASE
      WHEN role IN ('COUNTY_ADMIN','DISCIPLINE_SUPERVISOR') THEN num_nonnulls(department_code, township_code, school_id, institution_id) = 0
      WHEN role IN ('DEPARTMENT_OFFICER','INSPECTOR') THEN department_code IS NOT NULL AND num_nonnulls(township_code, school_id, institution_id) = 0
      WHEN role = 'TOWNSHIP_OFFICER' THEN township_code IS NOT NULL AND num_nonnulls(department_code, school_id, institution_id) = 0
      WHEN role = 'SCHOOL_ADMIN' THEN school_id IS NOT NULL AND num_nonnulls(department_code, township_code, institution_id) = 0
      WHEN role = 'INSTITUTION_ADMIN' THEN institution_id IS NOT NULL AND num_nonnulls(department_code, township_code, school_id) = 0
    END)`);
    // The admins of an institution, for disabling them when it is deregistered or revoked.
    await q.query(
      `CREATE INDEX idx_app_user_institution ON app_user (institution_id) WHERE institution_id IS NOT NULL`,
    );

    // Notifications to an institution's administrators (whoever they are when they read them).
    await q.query(`ALTER TABLE notification_target DROP CONSTRAINT notification_target_target_kind_check`);
    await q.query(`ALTER TABLE notification_target ADD CONSTRAINT notification_target_target_kind_check
      CHECK (target_kind IN ('USER','DEPARTMENT','TOWNSHIP','SCHOOL','INSTITUTION','ROLE'))`);

    await q.query(`CREATE TABLE complaint_institution_reply (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      complaint_id uuid NOT NULL REFERENCES complaint(id),
      institution_id uuid NOT NULL,
      text text NOT NULL,
      replied_by varchar(120) NOT NULL,
      replied_at timestamptz NOT NULL)`);
    await q.query(
      `CREATE INDEX idx_complaint_institution_reply ON complaint_institution_reply (complaint_id, replied_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_institution_reply`);
    await q.query(`DELETE FROM notification_target WHERE target_kind = 'INSTITUTION'`);
    await q.query(`ALTER TABLE notification_target DROP CONSTRAINT notification_target_target_kind_check`);
    await q.query(`ALTER TABLE notification_target ADD CONSTRAINT notification_target_target_kind_check
      CHECK (target_kind IN ('USER','DEPARTMENT','TOWNSHIP','SCHOOL','ROLE'))`);
    await q.query(`DELETE FROM app_user WHERE role = 'INSTITUTION_ADMIN'`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_scope_matches_role`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_scope_matches_role CHECK (${SCOPE_BEFORE})`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE}))`);
    await q.query(`ALTER TABLE app_user DROP COLUMN institution_id`);
  }
}
