import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, type AuditActor, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { ConsentService } from '../consent/consent.service';
import type { GrantedClearance } from './clearance';
import { MediaPresenter } from './media-presenter';
import { ClearMediaDto, MediaResponse, PHOTO } from './media.dto';
import { MediaRepository } from './media.repository';

export interface ClearanceRequest {
  clearance: GrantedClearance;
  consentRecordId: string | null;
}

export interface GrantedClearanceRow {
  clearance: GrantedClearance;
  consentRecordId: string | null;
  clearedBy: string | null;
  clearedAt: Date;
}

export function attestationMissing(): AppError {
  return AppError.validation('attestation', {
    id: 'Izin foto harus dinyatakan dengan attestation = true',
    en: 'A clearance must be attested with attestation = true',
  });
}

/** Clearing photos: the attestation "no identifiable person", or a link to a valid consent. */
@Injectable()
export class MediaClearanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly media: MediaRepository,
    private readonly consents: ConsentService,
    private readonly presenter: MediaPresenter,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Checks the shape of an optional clearance request (upload); null when none was asked for. */
  checkRequest(input: {
    clearance?: GrantedClearance;
    consentRecordId?: string;
  }): ClearanceRequest | null {
    if (input.clearance) return this.requestOf(input.clearance, input.consentRecordId);
    if (input.consentRecordId) {
      throw AppError.validation('clearance', {
        id: "Kirim clearance 'consent' bersama consentRecordId",
        en: "Send clearance 'consent' together with consentRecordId",
      });
    }
    return null;
  }

  /** Resolves a request inside the caller's transaction (the consent is share-locked). */
  async grant(
    manager: EntityManager,
    institutionId: string,
    request: ClearanceRequest,
    actor: AuditActor,
  ): Promise<GrantedClearanceRow> {
    if (request.consentRecordId) {
      await this.consents.requireLinkable(manager, institutionId, request.consentRecordId);
    }
    return {
      clearance: request.clearance,
      consentRecordId: request.consentRecordId,
      clearedBy: actor.userId,
      clearedAt: this.clock.now(),
    };
  }

  async clear(scope: RequestScope, id: string, dto: ClearMediaDto): Promise<MediaResponse> {
    const request = this.requestOf(dto.clearance, dto.consentRecordId);
    const actor = actorOf(scope);
    const asset = await this.dataSource.transaction(async (manager) => {
      const current = await this.media.findForUpdate(manager, id, scope.institutionFilter);
      if (!current) throw AppError.notFound(PHOTO);
      // Re-clearing a photo whose consent was withdrawn would undo the takedown.
      if (await this.media.isInTakedown(manager, current.id)) {
        throw AppError.conflict('clearance', {
          id: 'Persetujuan foto ini telah ditarik; izinnya tidak dapat diubah',
          en: "This photo's consent was withdrawn; its clearance cannot be changed",
        });
      }
      const before = { clearance: current.clearance, consentRecordId: current.consentRecordId };
      const granted = await this.grant(manager, current.institutionId, request, actor);
      Object.assign(current, granted);
      const saved = await this.media.save(manager, current);
      await this.audit.record(
        {
          actor,
          institutionId: saved.institutionId,
          action: 'clear',
          entityType: 'media_asset',
          entityId: saved.id,
          before,
          after: granted,
        },
        manager,
      );
      return saved;
    });
    return this.presenter.presentOne(asset);
  }

  private requestOf(clearance: GrantedClearance, consentRecordId?: string): ClearanceRequest {
    if (clearance === 'consent' && !consentRecordId) {
      throw AppError.validation('consentRecordId', {
        id: "consentRecordId wajib untuk clearance 'consent'",
        en: "consentRecordId is required for clearance 'consent'",
      });
    }
    if (clearance === 'no_identifiable_person' && consentRecordId) {
      throw AppError.validation('consentRecordId', {
        id: "consentRecordId hanya untuk clearance 'consent'",
        en: "consentRecordId belongs only with clearance 'consent'",
      });
    }
    return { clearance, consentRecordId: consentRecordId ?? null };
  }
}
