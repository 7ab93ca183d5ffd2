import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The county's credit-sharing platform (信用信息共享平台), which pulls published black and white list entries
 * and penalty decisions over the credit feed (docs/credit-platform-api.md). By a stable code, e.g.
 * XIFENG_CREDIT. A partner of its own kind: its keys are known nowhere but on the credit feed.
 */
@Entity('partner_credit_platform')
export class CreditPlatform {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
