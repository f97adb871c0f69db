import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Inject,
  Injectable,
  mixin,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { AppError, ErrorCode } from '../common/app-error';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** The part of multer's file object Karya reads (memory storage). */
export interface UploadedBinary {
  buffer: Buffer;
  originalname: string;
  size: number;
}

/** Text fields beside the file are few and short (ids, alt text, clearance, consent data). */
const MAX_TEXT_FIELDS = 30;
const MAX_TEXT_FIELD_BYTES = 16 * 1024;

function uploadError(error: unknown, field: string, maxBytes: number): unknown {
  if (!(error instanceof HttpException)) return error;
  const status = error.getStatus();
  if (status === 413) {
    const limit = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`;
    return new AppError(
      ErrorCode.PayloadTooLarge,
      { id: `Berkas melebihi batas ${limit}`, en: `The file exceeds the ${limit} limit` },
      field,
    );
  }
  const reason = error.message;
  return AppError.validation(field, {
    id: `Unggahan multipart tidak valid (${reason}); kirim satu berkas di kolom '${field}'`,
    en: `Invalid multipart upload (${reason}); send one file in the '${field}' field`,
  });
}

/**
 * Multipart upload of one file in `field`, held in memory up to MEDIA_MAX_BYTES. Wraps Nest's
 * FileInterceptor (which drains and cleans up aborted bodies) and turns its errors into the
 * API's error shape naming the field. Requests that are not multipart pass through untouched.
 */
export function SingleFileUpload(field: string): Type<NestInterceptor> {
  @Injectable()
  class SingleFileUploadInterceptor implements NestInterceptor {
    private readonly inner: NestInterceptor;

    constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
      const Inner = FileInterceptor(field, {
        limits: {
          fileSize: config.mediaMaxBytes,
          files: 1,
          fields: MAX_TEXT_FIELDS,
          fieldSize: MAX_TEXT_FIELD_BYTES,
        },
      });
      this.inner = new Inner();
    }

    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.inner.intercept(context, next);
      } catch (error) {
        throw uploadError(error, field, this.config.mediaMaxBytes);
      }
    }
  }
  return mixin(SingleFileUploadInterceptor);
}
