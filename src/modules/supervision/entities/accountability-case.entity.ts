import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import {
  AccountabilityCaseStatus,
  AccountabilityDecisionKind,
  AccountabilityLevel,
  AccountabilityPartyKind,
} from '../accountability/accountability.enums';

/**
 * An accountability case (问责案件): opened by a level-3 escalation (三级督办) against the party held to
 * account, with the deadlines of the process (from the county's rules, stored when opened).
 */
@Entity('accountability_case')
export class AccountabilityCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 12 })
  partyKind!: AccountabilityPartyKind;

  /** A department code or a township code. */
  @Column({ type: 'varchar', length: 32 })
  partyCode!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: AccountabilityCaseStatus;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz' })
  statementDueAt!: Date;

  @Column({ type: 'timestamptz' })
  decisionDueAt!: Date;

  @Column({ type: 'text', nullable: true })
  statement!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statementAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  statementById!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  decisionKind!: AccountabilityDecisionKind | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  accountabilityLevel!: AccountabilityLevel | null;

  @Column({ type: 'text', nullable: true })
  decisionReasons!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
