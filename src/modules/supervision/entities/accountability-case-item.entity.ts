import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AccountabilityItemKind } from '../accountability/accountability.enums';

/** An overdue item behind an accountability case, as it stood at its level-3 escalation; in one case only. */
@Entity('accountability_case_item')
export class AccountabilityCaseItem {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  itemKind!: AccountabilityItemKind;

  @PrimaryColumn({ type: 'uuid' })
  itemId!: string;

  @Column({ type: 'uuid' })
  caseId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'int' })
  overdueDays!: number;

  @Column({ type: 'varchar', length: 32 })
  leadDepartmentCode!: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'timestamptz' })
  escalatedAt!: Date;
}
