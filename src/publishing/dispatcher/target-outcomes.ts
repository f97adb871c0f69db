import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '../../common/app-error';
import { BatchLoader } from '../../common/batch-loader';
import { aggregateTargetOutcome, transition } from '../../content/posts/post-status';
import type { SandboxPost } from './dispatcher.entity';
import type { ClaimedTarget } from './dispatch-queue.repository';
import { AttemptResult, DispatcherRepository, PublishedTarget } from './dispatcher.repository';
import { TargetEvents } from './target-events';

const DISPATCHER_ACTOR = { id: 'dispatcher', canApprove: false };

/** A target the platform has published, with its attempt's result. */
export interface PublishedEntry {
  target: ClaimedTarget;
  attemptId: string;
  attempt: AttemptResult;
  post: PublishedTarget;
  /** The sandbox feed's copy (sandbox accounts only). */
  sandbox: Omit<SandboxPost, 'id'> | null;
}

/**
 * Writes what became of a claimed target, each outcome in one transaction with its audit row,
 * notifications and its post's status. Published targets that finish in the same event-loop turn
 * (a burst answered together) share one transaction and one statement per table; if that fails,
 * each is written on its own, so one bad row cannot hold back the others.
 */
@Injectable()
export class TargetOutcomes {
  private readonly batches = new BatchLoader<PublishedEntry, void>(async (entries) => {
    try {
      await this.repo.transaction((manager) => this.write(manager, entries));
      return entries.map(() => undefined);
    } catch (error) {
      if (entries.length === 1) throw error;
      return Promise.all(
        entries.map((entry) =>
          this.repo
            .transaction((manager) => this.write(manager, [entry]))
            .then(
              () => undefined,
              (failed: unknown) => (failed instanceof Error ? failed : new Error(String(failed))),
            ),
        ),
      );
    }
  });

  constructor(
    private readonly repo: DispatcherRepository,
    private readonly events: TargetEvents,
  ) {}

  published(entry: PublishedEntry): Promise<void> {
    return this.batches.load(entry);
  }

  /** Waits for a retry at `at`; the target leaves this worker. */
  async waiting(
    target: ClaimedTarget,
    retry: { at: Date; code: string; reason: LocalizedText },
  ): Promise<void> {
    await this.repo.transaction(async (manager) => {
      await this.repo.markWaiting(manager, target.id, retry.at, {
        code: retry.code,
        message: bilingual(retry.reason),
      });
      await this.events.waiting(manager, target, retry);
    });
  }

  /** `reauthAccountId`: the account to mark as needing a new sign-in, with its notice. */
  async failed(
    target: ClaimedTarget,
    failure: { code: string; reason: LocalizedText; reauthAccountId: string | null },
  ): Promise<void> {
    const { code, reason, reauthAccountId } = failure;
    await this.repo.transaction(async (manager) => {
      await this.repo.markFailed(manager, target.id, { code, message: bilingual(reason) });
      await this.events.failed(manager, target, failure);
      if (reauthAccountId) await this.repo.markAccountNeedsReauth(manager, reauthAccountId);
      await this.settlePosts(manager, [target.postId]);
    });
  }

  /** post-status 'finish' for each post with no target pending, in flight or waiting. */
  private async settlePosts(manager: EntityManager, postIds: readonly string[]): Promise<void> {
    const posts = await this.repo.lockPostsWithTargets(manager, [...new Set(postIds)]);
    const changes = [];
    for (const post of posts) {
      if (post.status !== 'publishing') continue;
      if (aggregateTargetOutcome(post.targets) === 'publishing') continue;
      const result = transition(post, 'finish', DISPATCHER_ACTOR, { targetStatuses: post.targets });
      if (result.ok) changes.push({ id: post.id, status: result.status });
    }
    await this.repo.setPostStatuses(manager, changes);
  }

  private async write(manager: EntityManager, entries: readonly PublishedEntry[]): Promise<void> {
    await this.repo.finishAttempts(
      manager,
      entries.map((e) => ({ id: e.attemptId, ...e.attempt })),
    );
    await this.repo.markPublished(
      manager,
      entries.map((e) => e.post),
    );
    await this.events.published(
      manager,
      entries.map((e) => ({ target: e.target, post: e.post })),
    );
    for (const { target, sandbox } of entries) {
      if (sandbox && !(await this.repo.sandboxPostIdFor(target.id, manager))) {
        await this.repo.insertSandboxPost(manager, sandbox);
      }
    }
    await this.settlePosts(
      manager,
      entries.map((e) => e.target.postId),
    );
  }
}

/** Stored reasons carry both languages. */
export function bilingual(text: LocalizedText): string {
  return `${text.id} / ${text.en}`;
}
