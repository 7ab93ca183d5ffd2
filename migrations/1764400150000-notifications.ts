import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notifications addressed to users, departments, townships, schools or roles. */
export class Notifications1764400150000 implements MigrationInterface {
  name = 'Notifications1764400150000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind varchar(64) NOT NULL,
      title varchar(200) NOT NULL,
      body text NOT NULL,
      entity_type varchar(64),
      entity_id varchar(100),
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE notification_target (
      notification_id uuid NOT NULL REFERENCES notification(id),
      target_kind varchar(16) NOT NULL CHECK (target_kind IN ('USER','DEPARTMENT','TOWNSHIP','SCHOOL','ROLE')),
      target_value varchar(64) NOT NULL,
      PRIMARY KEY (notification_id, target_kind, target_value))`);
    // The inbox query starts from the reader's addresses.
    await q.query(
      `CREATE INDEX idx_notification_target_address ON notification_target (target_kind, target_value, notification_id)`,
    );
    await q.query(`CREATE TABLE notification_read (
      notification_id uuid NOT NULL REFERENCES notification(id),
      user_id uuid NOT NULL,
      read_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, notification_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notification_read', 'notification_target', 'notification'])
      await q.query(`DROP TABLE ${table}`);
  }
}
