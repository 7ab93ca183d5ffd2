import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../platform/audit/audit.service';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { GridCell } from './entities/grid-cell.entity';
import { ReferenceAccess } from './reference.access';
import { gridCellCodeTaken, gridCellNotFound, townshipNotFound } from './reference.errors';
import { ReferenceQueries } from './reference.queries';

/** The grid cells (网格) of the townships: editors everywhere, a township officer in their own township. */
@Injectable()
export class GridCellService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queries: ReferenceQueries,
    private readonly access: ReferenceAccess,
    private readonly audit: AuditService,
  ) {}

  async createGridCell(actor: Principal, townshipCode: string, code: string, name: string): Promise<GridCell> {
    await this.access.assertGridEditor(actor, townshipCode);
    return this.dataSource.transaction(async (em) => {
      if (!(await this.queries.townshipExists(em, townshipCode))) throw townshipNotFound(townshipCode);
      if (await this.queries.gridCellCodeExists(em, code)) throw gridCellCodeTaken(code);
      const cell = em.getRepository(GridCell).create({ code, townshipCode, name: name.trim() });
      await em.getRepository(GridCell).insert(cell);
      await this.audit.record(em, {
        actor,
        action: 'reference.grid_cell.created',
        entityType: 'grid_cell',
        entityId: code,
        summary: { townshipCode, name: cell.name },
      });
      return cell;
    });
  }

  async renameGridCell(actor: Principal, code: string, name: string): Promise<GridCell> {
    const found = await this.queries.gridCell(code);
    if (!found) {
      // Who may not rename any cell learns nothing about which codes exist.
      if (!(actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER)) await this.access.assertEditor(actor);
      throw gridCellNotFound(code);
    }
    await this.access.assertGridEditor(actor, found.townshipCode);
    return this.dataSource.transaction(async (em) => {
      const cell = await this.queries.lockGridCell(em, code);
      const before = cell.name;
      cell.name = name.trim();
      await em.getRepository(GridCell).update({ code }, { name: cell.name });
      await this.audit.record(em, {
        actor,
        action: 'reference.grid_cell.renamed',
        entityType: 'grid_cell',
        entityId: code,
        summary: { townshipCode: cell.townshipCode, before, after: cell.name },
      });
      return cell;
    });
  }
}
