import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError, EntityNotFoundError } from 'typeorm';
import { AppError, ErrorBody, ErrorCode, HTTP_STATUS_BY_CODE, pickLanguage } from './app-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(HTTP_STATUS_BY_CODE).map(([code, status]) => [status, code as ErrorCode]),
);

const GENERIC_TEXT: Record<string, { id: string; en: string }> = {
  [ErrorCode.NotFound]: { id: 'Tidak ditemukan', en: 'Not found' },
  [ErrorCode.PayloadTooLarge]: {
    id: 'Isi permintaan terlalu besar',
    en: 'Request body is too large',
  },
  [ErrorCode.TooManyRequests]: {
    id: 'Terlalu banyak percobaan, coba lagi nanti',
    en: 'Too many attempts, try again later',
  },
  [ErrorCode.ValidationFailed]: { id: 'Permintaan tidak valid', en: 'Invalid request' },
  [ErrorCode.Internal]: {
    id: 'Terjadi kesalahan di server',
    en: 'Something went wrong on the server',
  },
};

/** PostgreSQL errors that are the client's fault (bad input that slipped past validation). */
function fromDatabaseError(error: QueryFailedError): AppError | undefined {
  const driverError = error.driverError as { code?: string; constraint?: string; column?: string };
  switch (driverError.code) {
    case '23505':
      return AppError.conflict(driverError.constraint ?? 'unique', {
        id: 'Data yang sama sudah ada',
        en: 'A record with the same value already exists',
      });
    case '23503':
      return AppError.validation(driverError.constraint ?? 'reference', {
        id: 'Data rujukan tidak ditemukan',
        en: 'A referenced record does not exist',
      });
    case '22P02':
    case '22P05':
    case '22021':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return AppError.validation(driverError.column ?? 'value', {
        id: 'Format nilai tidak valid',
        en: 'A value has an invalid format',
      });
    default:
      return undefined;
  }
}

/**
 * What a 500 may log: never query parameters or entity values, which can hold personal data
 * (a consent subject's name) or secrets.
 */
function loggableError(exception: unknown): Record<string, unknown> {
  if (exception instanceof QueryFailedError) {
    const driver = exception.driverError as { code?: string; message?: string };
    return {
      type: 'QueryFailedError',
      code: driver.code,
      message: driver.message,
      query: exception.query,
    };
  }
  if (exception instanceof Error) {
    return { type: exception.name, message: exception.message, stack: exception.stack };
  }
  return { type: typeof exception };
}

/** One error shape for the whole API: { code, message, field?, details?, requestId }. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const language = pickLanguage(request.headers['accept-language']);
    const requestId = String(request.id ?? '');

    let appError: AppError | undefined;
    if (exception instanceof AppError) appError = exception;
    else if (exception instanceof QueryFailedError) appError = fromDatabaseError(exception);
    else if (exception instanceof EntityNotFoundError) {
      appError = AppError.notFound({ id: 'Data', en: 'Record' });
    }

    let status: number;
    let body: ErrorBody;
    if (appError) {
      status = appError.status;
      body = {
        code: appError.code,
        message: appError.text[language],
        field: appError.field,
        details: appError.details,
      };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const code =
        CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.ValidationFailed);
      const text = GENERIC_TEXT[code] ?? { id: exception.message, en: exception.message };
      body = { code, message: text[language] };
      if (status === 400) body.field = 'body';
    } else {
      status = 500;
      body = { code: ErrorCode.Internal, message: GENERIC_TEXT[ErrorCode.Internal][language] };
    }
    if (status >= 500) {
      this.logger.error({ err: loggableError(exception), requestId }, 'Unhandled error');
    }
    body.requestId = requestId || undefined;
    if (!response.headersSent) response.status(status).json(body);
  }
}
