import { AppError, ErrorCode } from '../../common/app-error';
import { isPlatformError } from '../../platforms/platform-adapter';

/** A sign-in needs the platform app's keys; say which variable is missing. */
export function missingConfig(variable: string): AppError {
  return new AppError(
    ErrorCode.Conflict,
    {
      id: `Karya belum dikonfigurasi untuk menyambungkan akun ini: ${variable} belum diisi`,
      en: `Karya is not configured to connect this account: ${variable} is not set`,
    },
    variable,
  );
}

/**
 * A platform failure during a sign-in, for the person: a refused token or code is their input
 * (422 on `field`); anything else is the platform's trouble (503, try again).
 */
export function signInFailure(error: unknown, field: string): unknown {
  if (!isPlatformError(error)) return error;
  if (error.kind === 'reauthenticate' || error.kind === 'rejected') {
    return new AppError(
      ErrorCode.UnprocessableEntity,
      {
        id: `Platform menolak ${field}: ${error.reason.id}`,
        en: `The platform refused ${field}: ${error.reason.en}`,
      },
      field,
    );
  }
  return new AppError(
    ErrorCode.ServiceUnavailable,
    {
      id: `Platform tidak dapat dihubungi saat ini; coba lagi nanti (${error.reason.id})`,
      en: `The platform cannot be reached right now; try again later (${error.reason.en})`,
    },
    field,
  );
}
