import { Module } from '@nestjs/common';
import { InstitutionModule } from '../institutions/institution.module';
import { UserModule } from '../users/user.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginRateLimiter } from './login-rate-limit';

@Module({
  imports: [UserModule, InstitutionModule],
  controllers: [AuthController],
  providers: [AuthService, { provide: LoginRateLimiter, useFactory: () => new LoginRateLimiter() }],
})
export class AuthModule {}
