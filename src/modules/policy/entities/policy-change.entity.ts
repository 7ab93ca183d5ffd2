import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum PolicyChangeStatus {
  PROPOSED = 'PROPOSED', // 待审批
  APPROVED = 'APPROVED', // 已批准: a version of the rule, in force from effectiveOn
  REJECTED = 'REJECTED', // 已驳回
}

const integer = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * A proposed change to a county rule (see policy.catalogue.ts). Approved changes are the rule's versions
 * (its history); rows are never updated after their decision nor deleted.
 */
@Entity('policy_change')
export class PolicyChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 80 })
  key!: string;

  @Column({ type: 'bigint', transformer: integer })
  value!: number;

  @Column({ type: 'date' })
  effectiveOn!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: PolicyChangeStatus;

  @Column({ type: 'uuid', nullable: true })
  proposedByUserId!: string | null;

  @Column({ type: 'varchar', length: 120 })
  proposedByName!: string;

  @Column({ type: 'timestamptz' })
  proposedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  decidedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;
}
