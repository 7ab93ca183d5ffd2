import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Review (复查, 《信访工作条例》 Art. 35): a complainant dissatisfied with the written reply may ask, within
 * 30 days, for the review body (the county office) to review it; the review is decided within 30 days.
 * A new status UNDER_REVIEW, the request and the decision on the complaint, and the REVIEW deadline
 * watched by the overdue sweep like the others.
 */
export class ComplaintReview1764401800000 implements MigrationInterface {
  name = 'ComplaintReview1764401800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_status_check`);
    await q.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_status_check
      CHECK (status IN ('RECEIVED','ACCEPTED','NOT_ACCEPTED','ASSIGNED','INVESTIGATING','REPLIED','CLOSED','UNDER_REVIEW'))`);
    await q.query(`ALTER TABLE complaint
      ADD COLUMN review_requested_at timestamptz,
      ADD COLUMN review_reason varchar(1000),
      ADD COLUMN review_due_at timestamptz,
      ADD COLUMN review_overdue_at timestamptz,
      ADD COLUMN review_overdue_level smallint CHECK (review_overdue_level BETWEEN 1 AND 3),
      ADD COLUMN review_decision varchar(12) CHECK (review_decision IN ('UPHELD','OVERTURNED')),
      ADD COLUMN review_opinion varchar(2000),
      ADD COLUMN reviewed_at timestamptz,
      ADD CONSTRAINT complaint_review_requested CHECK (review_requested_at IS NULL OR (review_reason IS NOT NULL AND review_due_at IS NOT NULL)),
      ADD CONSTRAINT complaint_review_decided CHECK ((review_decision IS NULL) = (reviewed_at IS NULL))`);
    await q.query(`CREATE INDEX idx_complaint_review_escalating ON complaint (review_due_at)
      WHERE COALESCE(review_overdue_level, 0) < 3 AND status = 'UNDER_REVIEW'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_complaint_review_escalating`);
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_review_requested, DROP CONSTRAINT complaint_review_decided,
      DROP COLUMN review_requested_at, DROP COLUMN review_reason, DROP COLUMN review_due_at, DROP COLUMN review_overdue_at,
      DROP COLUMN review_overdue_level, DROP COLUMN review_decision, DROP COLUMN review_opinion, DROP COLUMN reviewed_at`);
    await q.query(
      `UPDATE complaint SET status = CASE WHEN closed_at IS NULL THEN 'REPLIED' ELSE 'CLOSED' END WHERE status = 'UNDER_REVIEW'`,
    );
    await q.query(`ALTER TABLE complaint DROP CONSTRAINT complaint_status_check`);
    await q.query(`ALTER TABLE complaint ADD CONSTRAINT complaint_status_check
      CHECK (status IN ('RECEIVED','ACCEPTED','NOT_ACCEPTED','ASSIGNED','INVESTIGATING','REPLIED','CLOSED'))`);
  }
}
