import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { type Observable, tap } from 'rxjs';

/**
 * A photo's bytes never change under its id (edits touch metadata only), so a successful
 * answer may be cached privately for long. Set on success only: @Header would also mark a 404
 * as cacheable for a year.
 */
@Injectable()
export class ImmutableFileCache implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next
      .handle()
      .pipe(tap(() => response.setHeader('Cache-Control', 'private, max-age=31536000, immutable')));
  }
}
