import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum TownshipKind {
  STREET = 'STREET', // 街道
  TOWN = 'TOWN', // 镇
  TOWNSHIP = 'TOWNSHIP', // 乡 (incl. ethnic townships)
}

/** Township-level division (乡镇/街道), NBS division code. */
@Entity('township')
export class Township {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  countyCode!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: TownshipKind;
}
