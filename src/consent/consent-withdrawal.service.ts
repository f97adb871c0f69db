import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import {
  consentAuditView,
  ConsentWithdrawalResponse,
  toConsentResponse,
  WithdrawConsentDto,
} from './consent.dto';
import { ConsentRepository } from './consent.repository';
import { CONSENT } from './consent.service';
import { toTakedownResponse } from './takedown.dto';
import { TakedownRepository } from './takedown.repository';
import { ConsentWithdrawalHooks } from './withdrawal-hooks';

/** Withdrawal of consent: processing must stop at once (UU 27/2022), and a takedown begins. */
@Injectable()
export class ConsentWithdrawalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly consents: ConsentRepository,
    private readonly takedowns: TakedownRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hooks: ConsentWithdrawalHooks,
  ) {}

  /**
   * Withdraws in one transaction: the consent is marked, a takedown task lists every linked
   * photo, later features' hooks run, and all is audited. Photos are blocked from that commit
   * on, because the clearance rule reads withdrawn_at.
   */
  async withdraw(
    scope: RequestScope,
    id: string,
    dto: WithdrawConsentDto,
  ): Promise<ConsentWithdrawalResponse> {
    const actor = actorOf(scope);
    const at = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      // Photos first, then the consent: the order clearing a photo takes, so the two never
      // deadlock. The second read below picks up a link committed while we waited.
      await this.consents.lockLinkedPhotoIds(manager, id);
      const consent = await this.consents.findLocked(
        manager,
        id,
        scope.institutionFilter,
        'update',
      );
      if (!consent) throw AppError.notFound(CONSENT);
      if (consent.withdrawnAt) {
        throw AppError.conflict('id', {
          id: 'Persetujuan ini sudah ditarik',
          en: 'This consent has already been withdrawn',
        });
      }
      const before = consentAuditView(consent);
      const photoIds = await this.consents.lockLinkedPhotoIds(manager, consent.id);
      const withdrawn = await this.consents.markWithdrawn(manager, consent, {
        at,
        by: scope.user.id,
        reason: dto.reason,
      });
      const { task, items } = await this.takedowns.createWithItems(
        manager,
        {
          institutionId: consent.institutionId,
          consentRecordId: consent.id,
          reason: dto.reason,
          createdBy: scope.user.id,
        },
        photoIds,
      );
      const base = { actor, institutionId: consent.institutionId };
      await this.audit.record(
        {
          ...base,
          action: 'withdraw',
          entityType: 'consent_record',
          entityId: consent.id,
          before,
          after: { ...consentAuditView(withdrawn), takedownTaskId: task.id },
        },
        manager,
      );
      await this.audit.record(
        {
          ...base,
          action: 'create',
          entityType: 'takedown_task',
          entityId: task.id,
          after: { consentRecordId: consent.id, status: task.status, mediaAssetIds: photoIds },
        },
        manager,
      );
      await this.hooks.run(
        {
          institutionId: consent.institutionId,
          consentRecordId: consent.id,
          takedownTaskId: task.id,
          mediaAssetIds: photoIds,
          actor,
          at,
        },
        manager,
      );
      return {
        consent: toConsentResponse(withdrawn),
        takedownTask: toTakedownResponse(task, items),
      };
    });
  }
}
