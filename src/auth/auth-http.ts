import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { AppError, ErrorCode } from '../common/app-error';
import type { AppConfig } from '../config/config';
import { SESSION_COOKIE } from './session-token';

/** Who is knocking: the rate limiter keys on the IP, sessions keep the user agent. */
export interface LoginClient {
  ip: string;
  userAgent: string | null;
}

export function clientOf(request: Request): LoginClient {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip ?? 'unknown', userAgent: userAgent ? userAgent.slice(0, 300) : null };
}

function cookieOptions(config: AppConfig): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicBaseUrl.startsWith('https:'),
    path: '/',
  };
}

export function setSessionCookie(
  response: Response,
  config: AppConfig,
  session: { token: string; expiresAt: Date },
): void {
  response.cookie(SESSION_COOKIE, session.token, {
    ...cookieOptions(config),
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, cookieOptions(config));
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  return new AppError(
    ErrorCode.TooManyRequests,
    {
      id: `Terlalu banyak percobaan gagal; coba lagi dalam ${retryAfterSeconds} detik`,
      en: `Too many failed attempts; try again in ${retryAfterSeconds} seconds`,
    },
    undefined,
    { retryAfterSeconds },
  );
}

/** Adds the Retry-After header to 429 errors; the global filter then renders the body. */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const details = error instanceof AppError ? error.details : undefined;
        if (
          error instanceof AppError &&
          error.code === ErrorCode.TooManyRequests &&
          details &&
          typeof details === 'object' &&
          'retryAfterSeconds' in details
        ) {
          const response = context.switchToHttp().getResponse<Response>();
          response.setHeader('Retry-After', String(details.retryAfterSeconds));
        }
        return throwError(() => error);
      }),
    );
  }
}
