import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { basename } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type AuditActor, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { Permission, roleHas } from '../auth/roles';
import { AppError } from '../common/app-error';
import type { GrantedClearance } from './clearance';
import { attestationMissing, MediaClearanceService } from './media-clearance.service';
import { processPhoto } from './image-processing';
import { MediaAsset } from './media-asset.entity';
import { MediaPresenter } from './media-presenter';
import {
  FILE_FIELD,
  mediaAuditView,
  PHOTO,
  MediaResponse,
  UpdateMediaDto,
  UploadMediaDto,
} from './media.dto';
import { MediaRepository } from './media.repository';
import { contentKey, sha256Hex } from './storage/media-storage';
import { StoredFiles } from './storage/stored-files';
import type { UploadedBinary } from './upload.interceptor';

const PRODUCT = { id: 'Produk', en: 'Product' };
const MAX_FILENAME = 255;

export interface IngestOptions {
  institutionId: string;
  actor: AuditActor;
  productId?: string | null;
  altText?: string;
  clearance?: GrantedClearance;
  consentRecordId?: string;
}

/** Keeps what the user called the file, minus any path and control characters. */
function cleanFilename(name: string | undefined): string {
  const base = basename((name ?? '').replace(/\\/g, '/'));
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_FILENAME);
}

/** The media library's writes: ingest (upload), edit and delete photos. */
@Injectable()
export class MediaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly media: MediaRepository,
    private readonly files: StoredFiles,
    private readonly clearances: MediaClearanceService,
    private readonly presenter: MediaPresenter,
    private readonly audit: AuditService,
  ) {}

  /**
   * Stores a photo without an HTTP request (the upload route and the demo seeder). The image is
   * processed first; files and row then commit together, and a failure leaves no file behind.
   */
  async ingest(bytes: Buffer, filename: string, options: IngestOptions): Promise<MediaAsset> {
    const clearance = this.clearances.checkRequest(options);
    const { photo, thumbnail } = await processPhoto(bytes, FILE_FIELD);
    const contentHash = sha256Hex(photo.buffer);
    const storageKey = contentKey('photos', contentHash, photo.extension);
    const thumbnailKey = contentKey('thumbnails', sha256Hex(thumbnail.buffer), thumbnail.extension);
    const objects = [
      { key: storageKey, bytes: photo.buffer },
      { key: thumbnailKey, bytes: thumbnail.buffer },
    ];
    return this.files.writeWithin(objects, async (manager) => {
      const { institutionId, actor } = options;
      await this.requireProduct(manager, options.productId, institutionId);
      const granted = clearance
        ? await this.clearances.grant(manager, institutionId, clearance, actor)
        : null;
      const asset = await this.media.insert(manager, {
        institutionId,
        productId: options.productId ?? null,
        uploadedBy: actor.userId,
        storageKey,
        thumbnailKey,
        contentHash,
        originalFilename: cleanFilename(filename),
        mimeType: photo.mimeType,
        width: photo.width,
        height: photo.height,
        byteSize: photo.buffer.length,
        altText: options.altText ?? '',
        clearance: granted?.clearance ?? 'uncleared',
        consentRecordId: granted?.consentRecordId ?? null,
        clearedBy: granted?.clearedBy ?? null,
        clearedAt: granted?.clearedAt ?? null,
      });
      const base = { actor, institutionId, entityType: 'media_asset', entityId: asset.id };
      await this.audit.record({ ...base, action: 'create', after: mediaAuditView(asset) }, manager);
      if (granted) {
        await this.audit.record({ ...base, action: 'clear', after: granted }, manager);
      }
      return asset;
    });
  }

  async upload(
    scope: RequestScope,
    file: UploadedBinary | undefined,
    dto: UploadMediaDto,
  ): Promise<MediaResponse> {
    if (!file) {
      throw AppError.validation(FILE_FIELD, {
        id: `Lampirkan foto di kolom '${FILE_FIELD}' (multipart/form-data)`,
        en: `Attach a photo in the '${FILE_FIELD}' field (multipart/form-data)`,
      });
    }
    if (dto.clearance) {
      // Clearing is consent.manage's to do, and always an explicit attestation.
      if (!roleHas(scope.user.role, Permission.ConsentManage)) throw AppError.forbidden();
      if (dto.attestation !== true) throw attestationMissing();
    }
    const asset = await this.ingest(file.buffer, file.originalname, {
      institutionId: scope.requireInstitution(),
      actor: actorOf(scope),
      productId: dto.productId,
      altText: dto.altText,
      clearance: dto.clearance,
      consentRecordId: dto.consentRecordId,
    });
    return this.presenter.presentOne(asset);
  }

  async update(scope: RequestScope, id: string, dto: UpdateMediaDto): Promise<MediaResponse> {
    const asset = await this.dataSource.transaction(async (manager) => {
      const current = await this.media.findForUpdate(manager, id, scope.institutionFilter);
      if (!current) throw AppError.notFound(PHOTO);
      const before = mediaAuditView(current);
      if (dto.altText !== undefined) current.altText = dto.altText;
      if (dto.productId !== undefined) {
        await this.requireProduct(manager, dto.productId, current.institutionId);
        current.productId = dto.productId;
      }
      const saved = await this.media.save(manager, current);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: saved.institutionId,
          action: 'update',
          entityType: 'media_asset',
          entityId: saved.id,
          before,
          after: mediaAuditView(saved),
        },
        manager,
      );
      return saved;
    });
    return this.presenter.presentOne(asset);
  }

  /** Deletes the row (audited), then its files unless another row still names them. */
  async delete(scope: RequestScope, id: string): Promise<void> {
    const asset = await this.dataSource.transaction(async (manager) => {
      const current = await this.media.findForUpdate(manager, id, scope.institutionFilter);
      if (!current) throw AppError.notFound(PHOTO);
      if (await this.media.isInTakedown(manager, current.id)) {
        throw AppError.conflict('id', {
          id: 'Foto ini tercantum dalam tugas penurunan dan tidak dapat dihapus',
          en: 'This photo is listed in a takedown task and cannot be deleted',
        });
      }
      if (await this.media.isUsedByPosts(manager, current.id)) {
        throw AppError.conflict('id', {
          id: 'Foto ini dipakai dalam unggahan dan tidak dapat dihapus',
          en: 'This photo is used by posts and cannot be deleted',
        });
      }
      await this.media.remove(manager, current);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: current.institutionId,
          action: 'delete',
          entityType: 'media_asset',
          entityId: current.id,
          before: mediaAuditView(current),
        },
        manager,
      );
      return current;
    });
    await this.files.release([asset.storageKey, asset.thumbnailKey]);
  }

  private async requireProduct(
    manager: EntityManager,
    productId: string | null | undefined,
    institutionId: string,
  ): Promise<void> {
    if (productId && !(await this.media.productBelongs(manager, productId, institutionId))) {
      throw AppError.notFound(PRODUCT, 'productId');
    }
  }
}
