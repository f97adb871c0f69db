import type { EntityManager } from 'typeorm';

export type TransactionListener<E> = (event: E, manager: EntityManager) => Promise<void>;

/**
 * Lets later features act on an event inside the transaction that caused it, without the feature
 * raising the event depending on them: listeners register in onModuleInit and run in order, so
 * the event and everything it causes commit or fail together.
 */
export class TransactionHooks<E> {
  private readonly listeners: TransactionListener<E>[] = [];

  register(listener: TransactionListener<E>): void {
    this.listeners.push(listener);
  }

  async run(event: E, manager: EntityManager): Promise<void> {
    for (const listener of this.listeners) await listener(event, manager);
  }
}
