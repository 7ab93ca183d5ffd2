import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Partner bank (合作银行) holding escrow accounts, by a stable code (e.g. ICBC_XIFENG). */
@Entity('partner_bank')
export class PartnerBank {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
