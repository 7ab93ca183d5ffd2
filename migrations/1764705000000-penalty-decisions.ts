import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'WARNING','PUBLIC_CRITICISM','FINE','CONFISCATION','ENROLMENT_SUSPENDED','STOP_OPERATING','LICENCE_REVOKED','PRACTICE_RESTRICTED'`;

/**
 * Administrative penalty decisions (行政处罚决定, MOE Order No. 53; issue #23): the decision table of the
 * enforcement module, and ADMINISTRATIVE_PENALTY as a credit record source.
 */
export class PenaltyDecisions1764705000000 implements MigrationInterface {
  name = 'PenaltyDecisions1764705000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE penalty_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_number varchar(100) NOT NULL,
        institution_id uuid NULL,
        lead_id uuid NULL,
        subject_name varchar(200) NOT NULL,
        credit_code varchar(18) NULL,
        township_code varchar(12) NOT NULL,
        kinds varchar(24)[] NOT NULL,
        fine_fen bigint NULL,
        confiscated_fen bigint NULL,
        legal_basis text NOT NULL,
        facts text NOT NULL,
        finding_ids uuid[] NOT NULL DEFAULT '{}',
        complaint_ids uuid[] NOT NULL DEFAULT '{}',
        alert_ids uuid[] NOT NULL DEFAULT '{}',
        deciding_department_code varchar(32) NOT NULL,
        notice_served_on date NOT NULL,
        hearing_right boolean NOT NULL,
        hearing_request_deadline date NULL,
        hearing_held_on date NULL,
        decided_on date NOT NULL,
        review_deadline date NOT NULL,
        litigation_deadline date NOT NULL,
        published_until date NULL,
        publication_ended_on date NULL,
        status varchar(16) NOT NULL,
        carried_out_on date NULL,
        withdrawal_ground varchar(24) NULL,
        withdrawal_reason varchar(500) NULL,
        withdrawn_on date NULL,
        decided_by_user_id uuid NULL,
        decided_by_name varchar(100) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT uq_penalty_decision_number UNIQUE (decision_number),
        CONSTRAINT penalty_decision_subject_check CHECK (institution_id IS NOT NULL OR lead_id IS NOT NULL),
        CONSTRAINT penalty_decision_kinds_check CHECK (cardinality(kinds) >= 1 AND kinds <@ ARRAY[${KINDS}]::varchar[]),
        CONSTRAINT penalty_decision_fine_check CHECK ((fine_fen IS NOT NULL AND fine_fen > 0) = ('FINE' = ANY(kinds))),
        CONSTRAINT penalty_decision_confiscation_check
          CHECK ((confiscated_fen IS NOT NULL AND confiscated_fen > 0) = ('CONFISCATION' = ANY(kinds))),
        CONSTRAINT penalty_decision_status_check CHECK (status IN ('DECIDED','CARRIED_OUT','WITHDRAWN')),
        CONSTRAINT penalty_decision_carried_out_check
          CHECK ((status <> 'CARRIED_OUT' OR carried_out_on IS NOT NULL) AND (status <> 'DECIDED' OR carried_out_on IS NULL)),
        CONSTRAINT penalty_decision_withdrawal_check CHECK (
          (status = 'WITHDRAWN') = (withdrawn_on IS NOT NULL AND withdrawal_reason IS NOT NULL AND withdrawal_ground IS NOT NULL)),
        CONSTRAINT penalty_decision_ground_check
          CHECK (withdrawal_ground IS NULL OR withdrawal_ground IN ('ADMINISTRATIVE_REVIEW','COURT_JUDGMENT','SELF_CORRECTION'))
      )`);
    await q.query(`CREATE INDEX idx_penalty_decision_decided ON penalty_decision (decided_on, id)`);
    await q.query(`CREATE INDEX idx_penalty_decision_township ON penalty_decision (township_code, decided_on)`);
    await q.query(
      `CREATE INDEX idx_penalty_decision_institution ON penalty_decision (institution_id) WHERE institution_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX idx_penalty_decision_lead ON penalty_decision (lead_id) WHERE lead_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX idx_penalty_decision_published ON penalty_decision (published_until)
       WHERE published_until IS NOT NULL AND publication_ended_on IS NULL AND status <> 'WITHDRAWN'`,
    );
    await q.query(`ALTER TABLE credit_record DROP CONSTRAINT credit_record_source_check`);
    await q.query(`ALTER TABLE credit_record ADD CONSTRAINT credit_record_source_check CHECK (source IN
      ('INSPECTION_FINDING','VERIFIED_COMPLAINT','ESCROW_ALERT_UNRESOLVED','ANNUAL_REVIEW_FAILED','IN_SERVICE_TEACHER',
       'FIRE_NOT_RECTIFIED','PREPAID_OBJECTIONS_OVERRIDDEN','ADMINISTRATIVE_PENALTY','MANUAL'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credit_record DROP CONSTRAINT credit_record_source_check`);
    await q.query(`ALTER TABLE credit_record ADD CONSTRAINT credit_record_source_check CHECK (source IN
      ('INSPECTION_FINDING','VERIFIED_COMPLAINT','ESCROW_ALERT_UNRESOLVED','ANNUAL_REVIEW_FAILED','IN_SERVICE_TEACHER',
       'FIRE_NOT_RECTIFIED','PREPAID_OBJECTIONS_OVERRIDDEN','MANUAL'))`);
    await q.query(`DROP TABLE penalty_decision`);
  }
}
