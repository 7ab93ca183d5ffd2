import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Complaints and petitions (投诉/信访): the complaint with its routing, statutory deadlines and overdue
 * markers, and the public timeline (status changes with the public reply only, never internal notes).
 */
export class Complaints1764400600000 implements MigrationInterface {
  name = 'Complaints1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE complaint (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tracking_number varchar(20) NOT NULL,
      channel varchar(20) NOT NULL CHECK (channel IN ('ONLINE','HOTLINE_12345','LETTERS_VISITS','HOTLINE_12315','PUBLIC_OPINION','GRID_PATROL')),
      category varchar(32) NOT NULL CHECK (category IN ('FALSE_ADVERTISING','FIRE_SAFETY','TEACHER_PAID_TUTORING','UNLICENSED_TRAINING',
        'PREPAID_FEE_REFUND','PRICING','HEALTH_FOOD_SAFETY','SUBJECT_TRAINING_VIOLATION','HOMEWORK_BURDEN','OTHER')),
      status varchar(16) NOT NULL CHECK (status IN ('RECEIVED','ACCEPTED','NOT_ACCEPTED','ASSIGNED','INVESTIGATING','REPLIED','CLOSED')),
      description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 5000),
      institution_id uuid,
      institution_name varchar(200),
      address varchar(300),
      township_code varchar(12) NOT NULL REFERENCES township(code),
      lead_department_code varchar(32) NOT NULL REFERENCES department(code),
      co_department_codes varchar(32)[] NOT NULL DEFAULT '{}',
      anonymous boolean NOT NULL,
      contact_name_enc text,
      contact_phone_enc text,
      duplicate_of uuid REFERENCES complaint(id),
      received_at timestamptz NOT NULL,
      accepted_at timestamptz,
      assigned_at timestamptz,
      replied_at timestamptz,
      closed_at timestamptz,
      route_due_at timestamptz NOT NULL,
      accept_due_at timestamptz NOT NULL,
      handle_due_at timestamptz,
      extension_days int CHECK (extension_days BETWEEN 1 AND 30),
      extension_reason varchar(1000),
      route_overdue_at timestamptz,
      accept_overdue_at timestamptz,
      handle_overdue_at timestamptz,
      not_accepted_reason varchar(1000),
      findings text,
      substantiated boolean,
      substantiated_at timestamptz,
      closing_summary varchar(2000),
      satisfaction varchar(24) CHECK (satisfaction IN ('SATISFIED','BASICALLY_SATISFIED','DISSATISFIED')),
      reopen_count int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK (anonymous OR contact_phone_enc IS NOT NULL OR contact_name_enc IS NOT NULL),
      CHECK (duplicate_of IS NULL OR duplicate_of <> id))`);
    await q.query(`CREATE UNIQUE INDEX idx_complaint_tracking_number ON complaint (tracking_number)`);
    // The officers' list (newest first) and its filters.
    await q.query(`CREATE INDEX idx_complaint_received ON complaint (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX idx_complaint_township ON complaint (township_code, received_at DESC)`);
    await q.query(`CREATE INDEX idx_complaint_lead ON complaint (lead_department_code, received_at DESC)`);
    await q.query(`CREATE INDEX idx_complaint_co_departments ON complaint USING gin (co_department_codes)`);
    await q.query(`CREATE INDEX idx_complaint_status ON complaint (status, received_at DESC)`);
    // Duplicate detection: open primaries about one institution and category; duplicates per primary.
    await q.query(`CREATE INDEX idx_complaint_duplicate_primary ON complaint (institution_id, category, received_at)
      WHERE duplicate_of IS NULL AND institution_id IS NOT NULL`);
    await q.query(`CREATE INDEX idx_complaint_duplicate_of ON complaint (duplicate_of) WHERE duplicate_of IS NOT NULL`);
    // The overdue sweep reads only complaints whose deadline is pending and not yet marked.
    await q.query(
      `CREATE INDEX idx_complaint_route_pending ON complaint (route_due_at) WHERE route_overdue_at IS NULL AND status IN ('RECEIVED','ACCEPTED')`,
    );
    await q.query(
      `CREATE INDEX idx_complaint_accept_pending ON complaint (accept_due_at) WHERE accept_overdue_at IS NULL AND status = 'RECEIVED'`,
    );
    await q.query(`CREATE INDEX idx_complaint_handle_pending ON complaint (handle_due_at)
      WHERE handle_overdue_at IS NULL AND status IN ('ACCEPTED','ASSIGNED','INVESTIGATING')`);

    await q.query(`CREATE TABLE complaint_timeline_entry (
      id bigserial PRIMARY KEY,
      complaint_id uuid NOT NULL REFERENCES complaint(id),
      status varchar(16) NOT NULL,
      public_reply text CHECK (char_length(public_reply) <= 5000),
      occurred_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX idx_complaint_timeline ON complaint_timeline_entry (complaint_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaint_timeline_entry`);
    await q.query(`DROP TABLE complaint`);
  }
}
