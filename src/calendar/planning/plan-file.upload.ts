import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppError, ErrorCode } from '../../common/app-error';

export const PLAN_FILE_FIELD = 'file';
export const PLAN_FILE_MAX_BYTES = 10 * 1024 * 1024;

const Inner = FileInterceptor(PLAN_FILE_FIELD, {
  limits: { fileSize: PLAN_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
});

/** The plan file upload: one file in `file`, at most 10 MB in memory; errors name the field. */
@Injectable()
export class PlanFileUpload implements NestInterceptor {
  private readonly inner = new Inner();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.inner.intercept(context, next);
    } catch (error) {
      if (!(error instanceof HttpException)) throw error;
      if (error.getStatus() === 413) {
        throw new AppError(
          ErrorCode.PayloadTooLarge,
          { id: 'Berkas rencana melebihi 10 MB', en: 'The plan file exceeds 10 MB' },
          PLAN_FILE_FIELD,
        );
      }
      throw AppError.validation(PLAN_FILE_FIELD, {
        id: `Unggahan tidak valid (${error.message}); kirim satu berkas di kolom 'file'`,
        en: `Invalid upload (${error.message}); send one file in the 'file' field`,
      });
    }
  }
}
