import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import { Permission } from './roles';
import { RequestScope } from './request-scope';

export const PUBLIC_ROUTE = 'karya:public';
export const REQUIRED_PERMISSION = 'karya:permission';

/** OpenAPI extension naming a route's permission, so tests derive the role matrix from the document. */
export const PERMISSION_EXTENSION = 'x-karya-permission';

/** No login needed (login itself, health, public catalogue, tracked links, rendered images). */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PERMISSION_EXTENSION, 'public'));

/** The permission a route needs. Routes without one need only a login. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiExtension(PERMISSION_EXTENSION, permission),
  );

export const Scope = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestScope => {
    const request = context.switchToHttp().getRequest<Request & { scope?: RequestScope }>();
    if (!request.scope) throw new Error('Scope used on a public route');
    return request.scope;
  },
);
