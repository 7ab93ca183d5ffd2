import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Grid cell (网格) of a township for grid management. */
@Entity('grid_cell')
export class GridCell {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Index()
  @Column({ type: 'varchar', length: 12 })
  townshipCode!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;
}
