import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * In-service public school teacher on the roster (在职教师名册). Only a keyed hash of the ID number is
 * stored: the roster exists to be matched against institution staff, never to be read back.
 */
@Entity('teacher')
export class Teacher {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  idNumberHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
