import { Column, Entity, PrimaryColumn } from 'typeorm';

/** County (县) running the service; code is the administrative division code. */
@Entity('county')
export class County {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
