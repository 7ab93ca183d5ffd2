import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogEntry } from './audit-log.entity';
import { AuditService } from './audit.service';
import { AuditLogResolver } from './graphql/audit-log.resolver';

/** The append-only audit log every module writes through `AuditService.record(em, entry)`. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntry])],
  providers: [AuditService, AuditLogResolver],
  exports: [AuditService],
})
export class AuditModule {}
