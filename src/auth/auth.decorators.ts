import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { Permission } from './roles';
import { RequestScope } from './request-scope';

export const PUBLIC_ROUTE = 'karya:public';
export const REQUIRED_PERMISSION = 'karya:permission';

/** No login needed (login itself, health, public catalogue, tracked links, rendered images). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The permission a route needs; routes without one need only a login. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);

export const Scope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestScope => {
    const request = context.switchToHttp().getRequest<Request & { scope?: RequestScope }>();
    if (!request.scope) throw new Error('Scope used on a public route');
    return request.scope;
  },
);
