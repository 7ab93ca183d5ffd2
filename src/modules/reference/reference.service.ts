import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Connection, PageArgs, paginate } from '../../platform/graphql/pagination';
import { NotFound } from '../../platform/errors/domain-error';
import { Department } from './entities/department.entity';
import { DepartmentDuty } from './entities/department-duty.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School } from './entities/school.entity';
import { Township } from './entities/township.entity';

export interface SchoolFilter {
  townshipCode?: string;
  search?: string;
}

/** Read side of reference data; other modules use it through the module's index. */
@Injectable()
export class ReferenceService {
  constructor(
    @InjectRepository(Township) private readonly townships: Repository<Township>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(DepartmentDuty) private readonly duties: Repository<DepartmentDuty>,
    @InjectRepository(GridCell) private readonly grids: Repository<GridCell>,
    @InjectRepository(School) private readonly schools: Repository<School>,
  ) {}

  listTownships(): Promise<Township[]> {
    return this.townships.find({ order: { code: 'ASC' } });
  }

  townshipsByCodes(codes: readonly string[]): Promise<Township[]> {
    return this.townships.findBy({ code: In([...codes]) });
  }

  async getTownship(code: string): Promise<Township> {
    const township = await this.townships.findOneBy({ code });
    if (!township) throw new NotFound(`Township ${code}`, 'TOWNSHIP_NOT_FOUND');
    return township;
  }

  listDepartments(): Promise<Department[]> {
    return this.departments.find({ order: { sortOrder: 'ASC' } });
  }

  dutiesOfDepartments(codes: readonly string[]): Promise<DepartmentDuty[]> {
    return this.duties.find({ where: { departmentCode: In([...codes]) }, order: { duty: 'ASC' } });
  }

  /** Department codes holding a duty, in the county's department order (routing reads this). */
  async departmentsWithDuty(duty: string): Promise<string[]> {
    const rows: { code: string }[] = await this.departments
      .createQueryBuilder('d')
      .select('d.code', 'code')
      .innerJoin(DepartmentDuty, 'dd', 'dd.department_code = d.code')
      .where('dd.duty = :duty', { duty })
      .orderBy('d.sort_order')
      .getRawMany();
    return rows.map((r) => r.code);
  }

  gridsOfTownships(codes: readonly string[]): Promise<GridCell[]> {
    return this.grids.find({ where: { townshipCode: In([...codes]) }, order: { code: 'ASC' } });
  }

  schoolsOfTownships(codes: readonly string[]): Promise<School[]> {
    return this.schools.find({ where: { townshipCode: In([...codes]) }, order: { name: 'ASC' } });
  }

  listSchools(filter: SchoolFilter, page: PageArgs): Promise<Connection<School>> {
    const qb = this.schools.createQueryBuilder('s');
    if (filter.townshipCode) qb.andWhere('s.township_code = :township', { township: filter.townshipCode });
    if (filter.search) qb.andWhere('s.name ILIKE :search', { search: `%${filter.search.replace(/[\\%_]/g, '\\$&')}%` });
    return paginate(qb, page, { column: 's.name', value: (s) => s.name, tieBreaker: 's.id', tieValue: (s) => s.id });
  }

  async getSchool(id: string): Promise<School> {
    const school = await this.schools.findOneBy({ id });
    if (!school) throw new NotFound(`School ${id}`, 'SCHOOL_NOT_FOUND');
    return school;
  }
}
