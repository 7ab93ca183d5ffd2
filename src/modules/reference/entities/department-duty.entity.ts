import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One duty a department carries (seed annex, 责任分工). Routing reads this table: complaint categories,
 * task types and joint punishment name duties, and the departments holding them are notified.
 */
@Entity('department_duty')
@Index(['duty'])
export class DepartmentDuty {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  departmentCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 48 })
  duty!: string;

  @Column({ type: 'varchar', length: 200 })
  description!: string;
}
