import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform/auth/principal';
import { Role } from '../../platform/auth/role';
import { Forbidden } from '../../platform/errors/domain-error';
import { gridCellOutsideTownship } from './reference.errors';
import { ReferenceQueries } from './reference.queries';
import { text } from '../../platform/i18n/text';

/** Duties whose holders maintain schools, rosters, grid cells and the calendar (the Education Bureau in Xifeng). */
const REFERENCE_EDITOR_DUTIES = ['LICENSING', 'AFTER_SCHOOL'] as const;

/**
 * Who maintains reference data: county administrators and officers of the departments holding
 * REFERENCE_EDITOR_DUTIES; township officers also maintain their own township's grid cells.
 */
@Injectable()
export class ReferenceAccess {
  constructor(private readonly queries: ReferenceQueries) {}

  async isEditor(actor: Principal): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'user') return false;
    if (actor.role === Role.COUNTY_ADMIN) return true;
    if (actor.role !== Role.DEPARTMENT_OFFICER || !actor.departmentCode) return false;
    const holders = await Promise.all(REFERENCE_EDITOR_DUTIES.map((d) => this.queries.departmentsWithDuty(d)));
    return holders.flat().includes(actor.departmentCode);
  }

  async assertEditor(actor: Principal): Promise<void> {
    if (!(await this.isEditor(actor)))
      throw new Forbidden(
        text(
          'Only the county office or the education department (LICENSING / AFTER_SCHOOL duty) maintains reference data',
          '只有县级管理部门或教育部门（负责审批或课后服务的）可以维护基础数据',
        ),
      );
  }

  /** Grid cells: editors everywhere, a township officer in their own township. */
  async assertGridEditor(actor: Principal, townshipCode: string): Promise<void> {
    if (actor.kind === 'user' && actor.role === Role.TOWNSHIP_OFFICER) {
      if (!actor.townshipCode || actor.townshipCode !== townshipCode) throw gridCellOutsideTownship();
      return;
    }
    await this.assertEditor(actor);
  }
}
