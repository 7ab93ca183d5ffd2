import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Member department (成员单位) of the county leading group, by stable code (EDU, FIRE_RESCUE, …). */
@Entity('department')
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'int' })
  sortOrder!: number;
}
