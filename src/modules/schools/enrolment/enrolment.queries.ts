import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Principal } from '../../../platform/auth/principal';
import { applyScope } from '../../../platform/auth/scope';
import { Connection, PageArgs, paginate } from '../../../platform/graphql/pagination';
import { ReferenceFacade } from '../../reference';
import { readOptions, scopeColumns } from '../schools.access';
import { enrolmentPlanNotFound } from '../schools.errors';
import { EnrolmentPlan } from './enrolment-plan.entity';
import { EnrolmentPlanStatus } from './enrolment.enums';
import { ServiceArea } from './service-area.entity';

export interface EnrolmentPlanFilter {
  year?: number;
  schoolId?: string;
  townshipCode?: string;
  status?: EnrolmentPlanStatus;
}

export interface ServiceAreaFilter {
  year: number;
  townshipCode?: string;
  gridCellCode?: string;
  schoolId?: string;
}

/** Reads of enrolment: plans in the reader's scope, and the public service areas. */
@Injectable()
export class EnrolmentQueries {
  constructor(
    @InjectRepository(EnrolmentPlan) private readonly plans: Repository<EnrolmentPlan>,
    @InjectRepository(ServiceArea) private readonly areas: Repository<ServiceArea>,
    private readonly reference: ReferenceFacade,
  ) {}

  listPlans(actor: Principal, filter: EnrolmentPlanFilter, page: PageArgs): Promise<Connection<EnrolmentPlan>> {
    const qb = applyScope(this.plans.createQueryBuilder('p'), actor, scopeColumns('p'), readOptions(actor));
    if (filter.year !== undefined) qb.andWhere('p.year = :year', { year: filter.year });
    if (filter.schoolId) qb.andWhere('p.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter.townshipCode) qb.andWhere('p.township_code = :township', { township: filter.townshipCode });
    if (filter.status) qb.andWhere('p.status = :status', { status: filter.status });
    return paginate(qb, page, {
      list: 'schools.enrolment-plans',
      valueType: 'timestamp',
      column: 'p.recorded_at',
      value: (p) => p.recordedAt,
      tieBreaker: 'p.id',
      tieValue: (p) => p.id,
      direction: 'DESC',
    });
  }

  async getPlan(actor: Principal, id: string): Promise<EnrolmentPlan> {
    const plan = await applyScope(
      this.plans.createQueryBuilder('p').where('p.id = :id', { id }),
      actor,
      scopeColumns('p'),
      readOptions(actor),
    ).getOne();
    if (!plan) throw enrolmentPlanNotFound(id);
    return plan;
  }

  /**
   * Published service areas of a year (public): those serving a township (whole or some of its cells), a
   * grid cell (the cell, or its township whole), or one school's; by school code.
   */
  async listServiceAreas(filter: ServiceAreaFilter, page: PageArgs): Promise<Connection<ServiceArea>> {
    const qb = this.areas.createQueryBuilder('a').where('a.year = :year', { year: filter.year });
    if (filter.schoolId) qb.andWhere('a.school_id = :schoolId', { schoolId: filter.schoolId });
    if (filter.townshipCode)
      qb.andWhere('(:township = ANY(a.township_codes) OR :township = ANY(a.grid_township_codes))', {
        township: filter.townshipCode,
      });
    if (filter.gridCellCode) {
      const townshipOfCell = await this.townshipOfGridCell(filter.gridCellCode);
      if (!townshipOfCell) qb.andWhere('1 = 0');
      else
        qb.andWhere('(:cell = ANY(a.grid_cell_codes) OR :cellTownship = ANY(a.township_codes))', {
          cell: filter.gridCellCode,
          cellTownship: townshipOfCell,
        });
    }
    return paginate(qb, page, {
      list: 'schools.service-areas',
      valueType: 'string',
      column: 'a.school_code',
      value: (a) => a.schoolCode,
      tieBreaker: 'a.id',
      tieValue: (a) => a.id,
    });
  }

  private async townshipOfGridCell(code: string): Promise<string | null> {
    // Cell codes usually start with their township's code: look there first, then in the whole county.
    const prefix = /^(\d{9})-/.exec(code)?.[1];
    const find = async (townships: string[]) =>
      (await this.reference.gridsOfTownships(townships)).find((g) => g.code === code)?.townshipCode ?? null;
    return (
      (prefix ? await find([prefix]) : null) ?? (await find((await this.reference.listTownships()).map((t) => t.code)))
    );
  }
}
