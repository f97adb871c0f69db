import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError, ErrorCode } from '../common/app-error';
import { type Page, pageOf } from '../common/pagination';
import { blockedMessage, consentLinkProblem } from '../media/clearance';
import { emptyFileError, isPdf, normalizeImage } from '../media/image-processing';
import {
  contentKey,
  MEDIA_STORAGE,
  type MediaStorage,
  sha256Hex,
} from '../media/storage/media-storage';
import { type ObjectToStore, StoredFiles } from '../media/storage/stored-files';
import type { UploadedBinary } from '../media/upload.interceptor';
import { ConsentRecord } from './consent-record.entity';
import {
  consentAuditView,
  ConsentDetailResponse,
  ConsentListQuery,
  ConsentResponse,
  CreateConsentDto,
  toConsentDetailResponse,
  toConsentResponse,
} from './consent.dto';
import { ConsentRepository } from './consent.repository';

export const CONSENT = { id: 'Persetujuan', en: 'Consent record' };
export const EVIDENCE_FIELD = 'evidence';

interface Evidence {
  object: ObjectToStore;
  mimeType: string;
}

/** The consent register: who agreed to what, for which channels, until when, with evidence. */
@Injectable()
export class ConsentService {
  constructor(
    private readonly consents: ConsentRepository,
    private readonly files: StoredFiles,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly audit: AuditService,
  ) {}

  async create(
    scope: RequestScope,
    dto: CreateConsentDto,
    file: UploadedBinary | undefined,
  ): Promise<ConsentResponse> {
    const institutionId = scope.requireInstitution();
    const validUntil = dto.validUntil ?? null;
    if (validUntil !== null && validUntil < dto.validFrom) {
      throw AppError.validation('validUntil', {
        id: 'validUntil tidak boleh sebelum validFrom',
        en: 'validUntil must not be before validFrom',
      });
    }
    const evidence = file ? await this.prepareEvidence(file.buffer) : null;
    const consent = await this.files.writeWithin(
      evidence ? [evidence.object] : [],
      async (manager) => {
        const saved = await this.consents.insert(manager, {
          institutionId,
          subjectName: dto.subjectName,
          subjectIsMinor: dto.subjectIsMinor,
          purpose: dto.purpose,
          channels: dto.channels,
          validFrom: dto.validFrom,
          validUntil,
          evidenceKey: evidence?.object.key ?? null,
          evidenceMimeType: evidence?.mimeType ?? null,
          recordedBy: scope.user.id,
        });
        await this.audit.record(
          {
            actor: actorOf(scope),
            institutionId,
            action: 'create',
            entityType: 'consent_record',
            entityId: saved.id,
            after: consentAuditView(saved),
          },
          manager,
        );
        return saved;
      },
    );
    return toConsentResponse(consent);
  }

  async list(scope: RequestScope, query: ConsentListQuery): Promise<Page<ConsentResponse>> {
    const [rows, total] = await this.consents.list(scope.institutionFilter, query.status, query);
    return pageOf(rows.map(toConsentResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<ConsentDetailResponse> {
    const consent = await this.findVisible(scope, id);
    return toConsentDetailResponse(consent, await this.consents.linkedPhotos(consent.id));
  }

  /** Served as an attachment: a PDF from outside is never rendered inside Karya's origin. */
  async evidence(scope: RequestScope, id: string): Promise<StreamableFile> {
    const consent = await this.findVisible(scope, id);
    if (!consent.evidenceKey || !consent.evidenceMimeType) {
      throw AppError.notFound({ id: 'Bukti persetujuan', en: 'Consent evidence' }, EVIDENCE_FIELD);
    }
    const extension = consent.evidenceKey.split('.').pop();
    return new StreamableFile(await this.storage.stream(consent.evidenceKey), {
      type: consent.evidenceMimeType,
      disposition: `attachment; filename="consent-${consent.id}.${extension}"`,
    });
  }

  /**
   * The consent a photo is about to be linked to, share-locked in the caller's transaction.
   * Another institution's id is a 404; a minor's or a withdrawn consent is a 422.
   */
  async requireLinkable(
    manager: EntityManager,
    institutionId: string,
    consentRecordId: string,
    field = 'consentRecordId',
  ): Promise<ConsentRecord> {
    const consent = await this.consents.findLocked(
      manager,
      consentRecordId,
      institutionId,
      'share',
    );
    if (!consent) throw AppError.notFound(CONSENT, field);
    const problem = consentLinkProblem(consent);
    if (problem) throw new AppError(ErrorCode.UnprocessableEntity, blockedMessage(problem), field);
    return consent;
  }

  async findByIds(ids: readonly string[]): Promise<ConsentRecord[]> {
    return this.consents.findByIds(ids);
  }

  /** Names in the institution's register, for the caption dignity check (Content issue). */
  async subjectNames(institutionId: string): Promise<string[]> {
    return this.consents.subjectNames(institutionId);
  }

  private async findVisible(scope: RequestScope, id: string): Promise<ConsentRecord> {
    const consent = await this.consents.findVisible(id, scope.institutionFilter);
    if (!consent) throw AppError.notFound(CONSENT);
    return consent;
  }

  /** A PDF is kept as sent; a photographed form is normalised like any photo (no EXIF/GPS). */
  private async prepareEvidence(bytes: Buffer): Promise<Evidence> {
    if (bytes.length === 0) throw emptyFileError(EVIDENCE_FIELD);
    if (isPdf(bytes)) {
      const key = contentKey('consent-evidence', sha256Hex(bytes), 'pdf');
      return { object: { key, bytes }, mimeType: 'application/pdf' };
    }
    const { image } = await normalizeImage(bytes, EVIDENCE_FIELD).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.UnsupportedMediaType) {
        throw new AppError(
          error.code,
          {
            id: 'Bukti harus berupa PDF atau foto JPEG, PNG, WebP atau HEIC',
            en: 'Evidence must be a PDF or a JPEG, PNG, WebP or HEIC photo',
          },
          EVIDENCE_FIELD,
        );
      }
      throw error;
    });
    const key = contentKey('consent-evidence', sha256Hex(image.buffer), image.extension);
    return { object: { key, bytes: image.buffer }, mimeType: image.mimeType };
  }
}
