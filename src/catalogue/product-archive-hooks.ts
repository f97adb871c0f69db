import { Injectable } from '@nestjs/common';
import type { AuditActor } from '../audit/audit.service';
import { TransactionHooks } from '../common/transaction-hooks';

export interface ProductArchivedEvent {
  institutionId: string;
  productId: string;
  productName: string;
  actor: AuditActor;
}

/** An archived product, inside the archive's transaction (Content pulls its posts back to draft). */
@Injectable()
export class ProductArchiveHooks extends TransactionHooks<ProductArchivedEvent> {}
