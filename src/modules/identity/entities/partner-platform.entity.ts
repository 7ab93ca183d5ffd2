import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner platform (合作平台): the national or provincial supervision platform (全国校外教育培训监管与服务
 * 综合平台) through which institutions sell, sending contracts and lesson records over the platform
 * interface (docs/platform-api.md). By a stable code, e.g. NATIONAL_PLATFORM.
 */
@Entity('partner_platform')
export class PartnerPlatform {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
