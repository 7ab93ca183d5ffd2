import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum SchoolStage {
  PRIMARY = 'PRIMARY', // 小学
  JUNIOR = 'JUNIOR', // 初中
  NINE_YEAR = 'NINE_YEAR', // 九年一贯制
}

/** Compulsory-education school (义务教育学校). */
@Entity('school')
export class School {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 16 })
  stage!: SchoolStage;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;
}
