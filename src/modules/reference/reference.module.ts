import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarPeriod } from './entities/calendar-period.entity';
import { County } from './entities/county.entity';
import { Department } from './entities/department.entity';
import { DepartmentDuty } from './entities/department-duty.entity';
import { GridCell } from './entities/grid-cell.entity';
import { School } from './entities/school.entity';
import { Teacher } from './entities/teacher.entity';
import { Township } from './entities/township.entity';
import { DepartmentResolver, SchoolResolver, TownshipResolver } from './graphql/reference.resolver';
import { ReferenceMaintenanceResolver } from './graphql/reference-maintenance.resolver';
import { GridCellService } from './grid-cell.service';
import { ReferenceAccess } from './reference.access';
import { ReferenceFacade } from './reference.facade';
import { ReferenceQueries } from './reference.queries';
import { SchoolCalendarService } from './school-calendar.service';
import { SchoolService } from './school.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([County, Township, GridCell, Department, DepartmentDuty, School, Teacher, CalendarPeriod]),
  ],
  providers: [
    ReferenceQueries,
    ReferenceFacade,
    ReferenceAccess,
    SchoolService,
    GridCellService,
    SchoolCalendarService,
    TownshipResolver,
    DepartmentResolver,
    SchoolResolver,
    ReferenceMaintenanceResolver,
  ],
  exports: [ReferenceFacade],
})
export class ReferenceModule {}
