import { Injectable } from '@nestjs/common';
import type { AuditActor } from '../audit/audit.service';
import { TransactionHooks } from '../common/transaction-hooks';

export interface ConsentWithdrawnEvent {
  institutionId: string;
  consentRecordId: string;
  takedownTaskId: string;
  mediaAssetIds: readonly string[];
  actor: AuditActor;
  at: Date;
}

/**
 * A withdrawal, inside its transaction: Content pulls unpublished posts back to draft; Publishing
 * adds the published posts to the takedown task.
 */
@Injectable()
export class ConsentWithdrawalHooks extends TransactionHooks<ConsentWithdrawnEvent> {}
