import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../../platform/auth/role';

/** A person who logs in (table `app_user`: `user` is reserved in SQL). Role and scope decide what they see. */
@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower case, unique. */
  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 100 })
  displayName!: string;

  /** argon2id; never logged, never returned. */
  @Column({ type: 'varchar', length: 255, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ type: 'varchar', length: 32, nullable: true })
  departmentCode!: string | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  townshipCode!: string | null;

  @Column({ type: 'uuid', nullable: true })
  schoolId!: string | null;

  /** INSTITUTION_ADMIN: the institution (registry) the user acts for. */
  @Column({ type: 'uuid', nullable: true })
  institutionId!: string | null;

  /** Bumped by a password reset or disabling: access tokens of earlier versions stop working. */
  @Column({ type: 'int', default: 0 })
  sessionVersion!: number;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
