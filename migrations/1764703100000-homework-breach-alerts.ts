import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Homework over the time limit (作业超时, issue #22): each time a school's breaches in the county's rolling
 * period reach the county's threshold, one alert row; the breaches it counted (up to `window_to`) never
 * count again, so the next alert needs a fresh run of breaches.
 */
export class HomeworkBreachAlerts1764703100000 implements MigrationInterface {
  name = 'HomeworkBreachAlerts1764703100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE homework_breach_alert (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES school(id),
      township_code varchar(12) NOT NULL,
      breaches int NOT NULL CHECK (breaches > 0),
      threshold int NOT NULL CHECK (threshold > 0),
      period_days int NOT NULL CHECK (period_days > 0),
      window_from date NOT NULL,
      window_to date NOT NULL,
      raised_at timestamptz NOT NULL,
      CONSTRAINT homework_breach_alert_window_check CHECK (window_from <= window_to))`);
    await q.query(`CREATE INDEX idx_homework_breach_alert_school ON homework_breach_alert (school_id, window_to DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE homework_breach_alert`);
  }
}
