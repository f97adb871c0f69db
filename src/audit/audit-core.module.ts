import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global so every feature module can write audit rows without importing AuditModule. */
@Global()
@Module({
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditCoreModule {}
