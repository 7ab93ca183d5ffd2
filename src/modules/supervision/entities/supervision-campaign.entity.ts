import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A campaign (专项行动, e.g. a summer-vacation crackdown) grouping tasks. */
@Entity('supervision_campaign')
export class SupervisionCampaign {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'date' })
  startsOn!: string;

  @Column({ type: 'date' })
  endsOn!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
