/**
 * Domain errors carry a code; one filter maps codes to HTTP statuses. Messages come in
 * Bahasa Indonesia (default) and English, chosen by Accept-Language.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  UnprocessableEntity = 'UNPROCESSABLE_ENTITY',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Internal = 'INTERNAL_ERROR',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
}

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.UnprocessableEntity]: 422,
  [ErrorCode.TooManyRequests]: 429,
  [ErrorCode.Internal]: 500,
  [ErrorCode.ServiceUnavailable]: 503,
};

export interface LocalizedText {
  id: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalizedText,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  static notFound(entity: LocalizedText, field = 'id'): AppError {
    return new AppError(
      ErrorCode.NotFound,
      { id: `${entity.id} tidak ditemukan`, en: `${entity.en} not found` },
      field,
    );
  }

  static validation(field: string, text: LocalizedText, details?: unknown): AppError {
    return new AppError(ErrorCode.ValidationFailed, text, field, details);
  }

  static conflict(field: string, text: LocalizedText): AppError {
    return new AppError(ErrorCode.Conflict, text, field);
  }

  static forbidden(text?: LocalizedText): AppError {
    return new AppError(
      ErrorCode.Forbidden,
      text ?? {
        id: 'Peran Anda tidak diizinkan melakukan tindakan ini',
        en: 'Your role is not allowed to do this',
      },
    );
  }

  static unauthenticated(): AppError {
    return new AppError(ErrorCode.Unauthenticated, {
      id: 'Silakan masuk terlebih dahulu',
      en: 'Please log in first',
    });
  }
}

/** The one error shape every API response uses. */
export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
  details?: unknown;
  requestId?: string;
}

export type Language = 'id' | 'en';

export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'id';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}
