import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What an institution answered about a complaint concerning it (机构说明), written by its administrator: kept
 * beside the complaint for the handling officers, never on the public timeline; it changes no status.
 */
@Entity('complaint_institution_reply')
export class ComplaintInstitutionReply {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  /** Plain text as written (never HTML). */
  @Column({ type: 'text' })
  text!: string;

  /** The administrator's username. */
  @Column({ type: 'varchar', length: 120 })
  repliedBy!: string;

  @Column({ type: 'timestamptz' })
  repliedAt!: Date;
}
