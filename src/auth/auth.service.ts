import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { InstitutionRepository } from '../institutions/institution.repository';
import { toUserResponse } from '../users/user.dto';
import { UserRepository } from '../users/user.repository';
import {
  ChangePasswordDto,
  LoginDto,
  LoginResponse,
  MeResponse,
  toInstitutionSummary,
} from './auth.dto';
import { type LoginClient, tooManyAttempts } from './auth-http';
import { LoginRateLimiter } from './login-rate-limit';
import { hashPassword, verifyPassword } from './password';
import { RequestScope } from './request-scope';
import { ROLE_PERMISSIONS } from './roles';
import { generateSessionToken, hashSessionToken, SESSION_TTL_MS } from './session-token';
import { SessionRepository } from './session.repository';

/** One message for every failure, so a response never tells which of email or password was wrong. */
function invalidCredentials(): AppError {
  return new AppError(ErrorCode.Unauthenticated, {
    id: 'Email atau kata sandi salah',
    en: 'Email or password is incorrect',
  });
}

/** Login, logout, the current user and password change. */
@Injectable()
export class AuthService {
  /** Verified when the email is unknown, so that answer takes as long as a wrong password. */
  private decoyHash: Promise<string> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly institutions: InstitutionRepository,
    private readonly sessions: SessionRepository,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto, client: LoginClient): Promise<LoginResponse> {
    const attemptedAt = this.clock.now();
    const decision = this.limiter.attempt(dto.email, client.ip, attemptedAt);
    if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);

    const user = await this.users.findByEmailWithHash(dto.email);
    this.decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
    const passwordOk = await verifyPassword(
      user?.passwordHash ?? (await this.decoyHash),
      dto.password,
    );
    if (!user || !passwordOk || !user.isActive) {
      const reason = !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'inactive';
      await this.audit.record({
        actor: { userId: null, email: dto.email },
        institutionId: user?.institutionId ?? null,
        action: 'login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { email: dto.email, reason, ip: client.ip, userAgent: client.userAgent },
      });
      throw invalidCredentials();
    }
    this.limiter.succeeded(dto.email, client.ip, attemptedAt);

    const token = generateSessionToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.dataSource.transaction(async (manager) => {
      const sessionId = await this.sessions.create(
        {
          userId: user.id,
          tokenHash: hashSessionToken(token),
          createdAt: now,
          expiresAt,
          userAgent: client.userAgent,
        },
        manager,
      );
      await this.users.recordLogin(user.id, now, manager);
      await this.audit.record(
        {
          actor: { userId: user.id, email: user.email },
          institutionId: user.institutionId,
          action: 'login',
          entityType: 'user',
          entityId: user.id,
          after: { sessionId, ip: client.ip, userAgent: client.userAgent },
        },
        manager,
      );
    });
    return { token, expiresAt, user: toUserResponse({ ...user, lastLoginAt: now }) };
  }

  async logout(scope: RequestScope): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.sessions.revoke(scope.user.sessionId, this.clock.now(), manager);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: scope.user.institutionId,
          action: 'logout',
          entityType: 'user',
          entityId: scope.user.id,
          after: { sessionId: scope.user.sessionId },
        },
        manager,
      );
    });
    this.sessions.forgetUser(scope.user.id);
  }

  async me(scope: RequestScope): Promise<MeResponse> {
    const user = await this.users.findById(scope.user.id);
    if (!user) throw AppError.unauthenticated();
    const institution = user.institutionId
      ? await this.institutions.findById(user.institutionId)
      : null;
    return {
      user: toUserResponse(user),
      institution: institution ? toInstitutionSummary(institution) : null,
      permissions: [...ROLE_PERMISSIONS[user.role]],
    };
  }

  /**
   * Checks the current password (rate-limited like a login, so a stolen session cannot be used
   * to guess it), then ends every other session of the user.
   */
  async changePassword(
    scope: RequestScope,
    dto: ChangePasswordDto,
    client: LoginClient,
  ): Promise<void> {
    const { user } = scope;
    const attemptedAt = this.clock.now();
    const decision = this.limiter.attempt(user.email, client.ip, attemptedAt);
    if (!decision.allowed) throw tooManyAttempts(decision.retryAfterSeconds);

    const currentHash = await this.users.findPasswordHash(user.id);
    if (!currentHash || !(await verifyPassword(currentHash, dto.currentPassword))) {
      throw AppError.validation('currentPassword', {
        id: 'Kata sandi saat ini salah',
        en: 'The current password is incorrect',
      });
    }
    this.limiter.succeeded(user.email, client.ip, attemptedAt);
    if (dto.newPassword === dto.currentPassword) {
      throw AppError.validation('newPassword', {
        id: 'Kata sandi baru harus berbeda dari yang lama',
        en: 'The new password must differ from the current one',
      });
    }
    const newHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.users.setPassword(user.id, newHash, false, now, manager);
      await this.sessions.revokeOthersForUser(user.id, user.sessionId, now, manager);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: user.institutionId,
          action: 'password_change',
          entityType: 'user',
          entityId: user.id,
          after: { otherSessionsRevoked: true },
        },
        manager,
      );
    });
    this.sessions.forgetUser(user.id);
  }
}
