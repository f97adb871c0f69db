import { Module } from '@nestjs/common';
import { AuditQueryRepository } from './audit-query.repository';
import { AuditQueryService } from './audit-query.service';
import { AuditController } from './audit.controller';

/** The audit API; writing audit rows is AuditCoreModule's (global) job. */
@Module({
  controllers: [AuditController],
  providers: [AuditQueryRepository, AuditQueryService],
})
export class AuditModule {}
