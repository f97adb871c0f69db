import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActor } from '../audit/audit.service';

export interface ConsentWithdrawnEvent {
  institutionId: string;
  consentRecordId: string;
  takedownTaskId: string;
  mediaAssetIds: readonly string[];
  actor: AuditActor;
  at: Date;
}

export type ConsentWithdrawnListener = (
  event: ConsentWithdrawnEvent,
  manager: EntityManager,
) => Promise<void>;

/**
 * Lets later features act on a withdrawal inside the withdrawal's own transaction (Content pulls
 * unpublished posts back to draft; Publishing adds the published posts to the takedown task),
 * so the withdrawal and everything it causes commit or fail together. Register in onModuleInit.
 */
@Injectable()
export class ConsentWithdrawalHooks {
  private readonly listeners: ConsentWithdrawnListener[] = [];

  register(listener: ConsentWithdrawnListener): void {
    this.listeners.push(listener);
  }

  async run(event: ConsentWithdrawnEvent, manager: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(event, manager);
  }
}
