import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ComplaintStatus } from '../complaint.enums';

/** One step of the public timeline: a status change and the reply the public may read. */
@Entity('complaint_timeline_entry')
export class ComplaintTimelineEntry {
  /** Increasing: the timeline's order (steps of one transaction share their time). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  complaintId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ComplaintStatus;

  @Column({ type: 'text', nullable: true })
  publicReply!: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;
}
