import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A school's service area (服务范围, 学区) for an enrolment year: whole townships and single grid cells.
 * The school's code, name and township are copied in so the public list needs no other read.
 */
@Entity('service_area')
export class ServiceArea {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  schoolId!: string;

  @Column({ type: 'varchar', length: 32 })
  schoolCode!: string;

  @Column({ type: 'varchar', length: 200 })
  schoolName!: string;

  @Column({ type: 'varchar', length: 12 })
  schoolTownshipCode!: string;

  @Column('int')
  year!: number;

  /** Townships served whole. */
  @Column({ type: 'varchar', length: 12, array: true })
  townshipCodes!: string[];

  /** Single grid cells served (网格, the village-level unit of grid management). */
  @Column({ type: 'varchar', length: 32, array: true })
  gridCellCodes!: string[];

  /** The townships the single grid cells lie in (for "which schools serve this township"). */
  @Column({ type: 'varchar', length: 12, array: true })
  gridTownshipCodes!: string[];

  @Column({ type: 'varchar', length: 100 })
  updatedBy!: string;

  @Column('timestamptz')
  updatedAt!: Date;
}
