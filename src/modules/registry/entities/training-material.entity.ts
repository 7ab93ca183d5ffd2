import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum MaterialKind {
  MATERIAL = 'MATERIAL', // 培训材料
  ENROLMENT_AD = 'ENROLMENT_AD', // 招生广告
}

export enum ReviewStatus {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** Training material or enrolment advertisement under review (培训材料/招生广告审核). */
@Entity('training_material')
export class TrainingMaterial {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  institutionId!: string;

  @Column({ type: 'uuid', nullable: true })
  courseId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: MaterialKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  content!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ReviewStatus;

  @Column({ type: 'text', nullable: true })
  reviewReasons!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reviewedBy!: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;
}
