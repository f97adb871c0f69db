import { Injectable } from '@nestjs/common';
import type { AuditActor } from '../audit/audit.service';
import { TransactionHooks } from '../common/transaction-hooks';

export interface InstitutionCreatedEvent {
  institutionId: string;
  actor: AuditActor;
}

/**
 * A new institution, inside its creation's transaction: the content library adds its default
 * caption templates and hashtag groups.
 */
@Injectable()
export class InstitutionCreatedHooks extends TransactionHooks<InstitutionCreatedEvent> {}
