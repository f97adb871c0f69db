import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';

export interface ProductArchivedEvent {
  institutionId: string;
  productId: string;
  productName: string;
  actor: AuditActor;
}

export type ProductArchivedListener = (
  event: ProductArchivedEvent,
  manager: EntityManager,
) => Promise<void>;

/**
 * Lets later features act on an archived product inside the archive's own transaction (Content
 * pulls the product's unpublished posts back to draft), without the catalogue depending on them.
 * Register in onModuleInit.
 */
@Injectable()
export class ProductArchiveHooks {
  private readonly listeners: ProductArchivedListener[] = [];

  register(listener: ProductArchivedListener): void {
    this.listeners.push(listener);
  }

  async run(event: ProductArchivedEvent, manager: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(event, manager);
  }
}
