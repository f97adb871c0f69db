import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { SessionRepository } from './session.repository';

@Global()
@Module({
  providers: [SessionRepository, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionRepository],
})
export class AuthCoreModule {}
