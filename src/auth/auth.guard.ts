import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './auth.decorators';
import { RequestScope } from './request-scope';
import { Permission, roleHas } from './roles';
import { extractSessionToken, hashSessionToken } from './session-token';
import { SessionRepository } from './session.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Global guard: every route needs a session unless marked @Public(), then its permission. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { scope?: RequestScope }>();
    const token = extractSessionToken(
      request.headers.authorization,
      request.cookies as Record<string, string>,
    );
    const user = token
      ? await this.sessions.findActiveUser(hashSessionToken(token), this.clock.now())
      : null;
    if (!user) throw AppError.unauthenticated();

    const header = request.headers['x-institution-id'];
    const selected = typeof header === 'string' && header !== '' ? header : null;
    if (selected !== null && !UUID.test(selected)) {
      throw AppError.validation('X-Institution-Id', {
        id: 'X-Institution-Id harus berupa UUID',
        en: 'X-Institution-Id must be a UUID',
      });
    }
    request.scope = new RequestScope(user, selected);

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    if (permission && !roleHas(user.role, permission)) throw AppError.forbidden();
    return true;
  }
}
