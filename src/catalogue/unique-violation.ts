import { QueryFailedError } from 'typeorm';
import { AppError } from '../common/app-error';

/**
 * Runs a write and turns a unique violation of a known index into a 409 naming the field.
 * The index, not a prior SELECT, is the arbiter, so two concurrent requests cannot both win.
 */
export async function withUniqueFields<T>(
  work: () => Promise<T>,
  conflicts: Record<string, () => AppError>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QueryFailedError) {
      const driverError = error.driverError as { code?: string; constraint?: string };
      const conflict = driverError.code === '23505' && conflicts[driverError.constraint ?? ''];
      if (conflict) throw conflict();
    }
    throw error;
  }
}
