import { Injectable, Logger } from '@nestjs/common';
import type { LocalizedText } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { RenderService } from '../../content/renders/render.service';
import {
  isPlatformError,
  PlatformAccount,
  PlatformError,
  PublishContent,
  PublishedPost,
} from '../../platforms/platform-adapter';
import { PlatformRegistry } from '../../platforms/platform-registry';
import { TokenDecryptionError } from '../../platforms/token-crypto';
import {
  AccountCredentialsService,
  CredentialsMissingError,
} from '../accounts/account-credentials.service';
import type { AttemptKind, AttemptOutcome } from './dispatcher.entity';
import { ClaimedTarget, DispatchQueueRepository, TargetWork } from './dispatch-queue.repository';
import { DispatcherRepository } from './dispatcher.repository';
import { DEFAULT_RETRY_POLICY, nextRetry } from './retry-policy';
import { bilingual, TargetOutcomes } from './target-outcomes';

/** What became of one claimed target in this run (`released`: handed back at shutdown). */
export type TargetOutcome = 'published' | 'waiting' | 'failed' | 'released';

const SECRET_KEY = /token|secret|authorization|password/i;

/**
 * Publishes one claimed target. No transaction is open while a platform is called: the attempt
 * row is committed first, the platform answers, then one short transaction records the result.
 * An expired lease means an earlier call may have gone through: reconcile before publishing.
 */
@Injectable()
export class TargetPublisher {
  private readonly logger = new Logger(TargetPublisher.name);

  constructor(
    private readonly repo: DispatcherRepository,
    private readonly queue: DispatchQueueRepository,
    private readonly registry: PlatformRegistry,
    private readonly renders: RenderService,
    private readonly clock: Clock,
    private readonly credentials: AccountCredentialsService,
    private readonly outcomes: TargetOutcomes,
  ) {}

  /**
   * `stopping` is asked before each platform call: once the process shuts down, a target whose
   * publish has not started is released so another worker takes it at once.
   */
  async process(
    target: ClaimedTarget,
    worker: string,
    stopping: () => boolean = () => false,
  ): Promise<TargetOutcome> {
    const work = target.work;
    if (work.accountStatus !== 'connected') {
      return this.fail(target, null, 'account_unavailable', {
        id: 'Akun media sosial tidak tersambung; sambungkan ulang lalu coba lagi',
        en: 'The social account is not connected; reconnect it and retry',
      });
    }
    let account: PlatformAccount;
    try {
      account = await this.credentials.platformAccountFor(target.socialAccountId);
    } catch (error) {
      if (error instanceof CredentialsMissingError) {
        return this.fail(target, null, 'no_credentials', {
          id: 'Kredensial akun belum tersimpan; sambungkan ulang akun',
          en: 'No credentials are stored for the account; reconnect it',
        });
      }
      // Stored under a key TOKEN_ENCRYPTION_KEY no longer holds: only reconnecting helps.
      if (error instanceof TokenDecryptionError) {
        return this.fail(target, target.socialAccountId, 'credentials_unreadable', {
          id: 'Kredensial akun tidak dapat dibuka dengan kunci enkripsi (TOKEN_ENCRYPTION_KEY) saat ini; sambungkan ulang akun',
          en: 'The account credentials cannot be decrypted with the current encryption key (TOKEN_ENCRYPTION_KEY); reconnect the account',
        });
      }
      // A token refresh the account needed failed.
      if (!isPlatformError(error)) throw error;
      if (error.kind === 'reauthenticate') {
        return this.fail(target, target.socialAccountId, error.platformCode, error.reason);
      }
      return this.retry(target, error);
    }
    const content = await this.contentOf(target, work);
    // An uncertain earlier call (crashed worker, unknown outcome not yet settled) may have
    // published: look before publishing again.
    const last = target.lastAttempt;
    const uncertain = last !== null && last.uncertain;
    if (stopping()) return this.release(target, worker);
    if (target.leaseExpired || uncertain) {
      const since = last?.publishStartedAt ?? this.clock.now();
      const found = await this.reconcile(target, work, account, content, worker, since, {
        platformPostId: work.platformPostId ?? (await this.repo.sandboxPostIdFor(target.id)),
      });
      if (found !== 'not_found') return found;
      if (stopping()) return this.release(target, worker);
    }
    return this.publish(target, work, account, content, worker);
  }

  private async release(target: ClaimedTarget, worker: string): Promise<TargetOutcome> {
    await this.queue.release(target, worker, this.clock.now());
    return 'released';
  }

  private async publish(
    target: ClaimedTarget,
    work: TargetWork,
    account: PlatformAccount,
    content: PublishContent,
    worker: string,
    afterRefresh = false,
  ): Promise<TargetOutcome> {
    const adapter = this.registry.adapterFor(target.network, work.accountKind);
    const startedAt = this.clock.now();
    const attemptId = await this.startAttempt(target, worker, 'publish', startedAt);
    try {
      const post = await adapter.publish(account, content);
      return await this.published(target, work, content, attemptId, startedAt, post, 'published');
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      if (error.kind === 'unknown_outcome') {
        await this.record(attemptId, startedAt, 'unknown_outcome', error);
        const found = await this.reconcile(target, work, account, content, worker, startedAt, {
          containerId: error.containerId,
        });
        if (found !== 'not_found') return found;
        if (error.duplicate) {
          return this.fail(target, null, error.platformCode, error.reason);
        }
        return this.retry(target, error);
      }
      await this.record(attemptId, startedAt, error.kind, error);
      if (error.kind === 'retry_later') return this.retry(target, error);
      if (error.kind === 'reauthenticate' && !afterRefresh) {
        // Retry contract: one forced refresh, then one more publish with the new token.
        const renewed = await this.renewCredentials(target, account);
        if (renewed instanceof PlatformError) {
          if (renewed.kind !== 'reauthenticate') return this.retry(target, renewed);
          return this.fail(target, target.socialAccountId, renewed.platformCode, renewed.reason);
        }
        if (renewed) return this.publish(target, work, renewed, content, worker, true);
      }
      const reauth = error.kind === 'reauthenticate' ? target.socialAccountId : null;
      return this.fail(target, reauth, error.platformCode, error.reason);
    }
  }

  /** Refreshed credentials; null when they cannot be refreshed; the error when refreshing failed. */
  private async renewCredentials(
    target: ClaimedTarget,
    used: PlatformAccount,
  ): Promise<PlatformAccount | PlatformError | null> {
    try {
      return await this.credentials.refreshAfterRefusal(target.socialAccountId, used);
    } catch (error) {
      if (error instanceof CredentialsMissingError) return null;
      if (isPlatformError(error)) return error;
      throw error;
    }
  }

  private async reconcile(
    target: ClaimedTarget,
    work: TargetWork,
    account: PlatformAccount,
    content: PublishContent,
    worker: string,
    since: Date,
    known: { platformPostId?: string | null; containerId?: string },
  ): Promise<TargetOutcome | 'not_found'> {
    const adapter = this.registry.adapterFor(target.network, work.accountKind);
    const startedAt = this.clock.now();
    const attemptId = await this.startAttempt(target, worker, 'reconcile', startedAt);
    try {
      const result = await adapter.reconcile(account, {
        marker: content.marker,
        caption: content.caption,
        since,
        platformPostId: known.platformPostId ?? undefined,
        containerId: known.containerId,
      });
      if (result.status === 'found') {
        return await this.published(
          target,
          work,
          content,
          attemptId,
          startedAt,
          result,
          'reconciled_found',
        );
      }
      await this.record(attemptId, startedAt, 'reconciled_not_found', null);
      return 'not_found';
    } catch (error) {
      if (!isPlatformError(error)) throw error;
      // Could not look: publishing now might duplicate, so wait and reconcile again later.
      await this.record(attemptId, startedAt, 'unknown_outcome', error);
      if (error.kind === 'reauthenticate') {
        return this.fail(target, target.socialAccountId, error.platformCode, error.reason);
      }
      return this.retry(target, error, true);
    }
  }

  private async published(
    target: ClaimedTarget,
    work: TargetWork,
    content: PublishContent,
    attemptId: string,
    startedAt: Date,
    post: PublishedPost,
    outcome: AttemptOutcome,
  ): Promise<TargetOutcome> {
    const now = this.clock.now();
    const sandbox = this.registry.adapterFor(target.network, 'sandbox');
    const metrics =
      work.accountKind === 'sandbox'
        ? (
            await sandbox.fetchMetrics(
              { externalId: target.socialAccountId, credentials: { type: 'sandbox' } },
              post.platformPostId,
            )
          ).metrics
        : {};
    await this.outcomes.published({
      target,
      attemptId,
      attempt: {
        outcome,
        finishedAt: now,
        durationMs: now.getTime() - startedAt.getTime(),
        platformResponse: redact({ ...post }),
        errorCode: null,
        errorMessage: null,
      },
      post: {
        platformPostId: post.platformPostId,
        permalink: post.permalink,
        publishedAt: now,
      },
      sandbox:
        work.accountKind === 'sandbox'
          ? {
              institutionId: target.institutionId,
              socialAccountId: target.socialAccountId,
              postTargetId: target.id,
              network: target.network,
              marker: content.marker,
              platformPostId: post.platformPostId,
              permalink: post.permalink,
              caption: content.caption,
              imageUrls: content.images.map((i) => i.url),
              publishedAt: now,
              metrics,
            }
          : null,
    });
    return 'published';
  }

  /**
   * `uncertain`: the post may be live and nobody could look yet. Failing it then could leave a
   * published post marked failed, so the attempt cap does not apply: it waits (at the longest
   * backoff) until a reconcile can answer.
   */
  private async retry(
    target: ClaimedTarget,
    error: PlatformError,
    uncertain = false,
  ): Promise<TargetOutcome> {
    const decision = nextRetry({
      attempts: uncertain
        ? Math.min(target.attemptCount, DEFAULT_RETRY_POLICY.maxAttempts - 1)
        : target.attemptCount,
      now: this.clock.now(),
      retryAt: error.retryAt,
      random: Math.random(),
    });
    if (!decision.retry) {
      return this.fail(target, null, error.platformCode, {
        id: `Gagal setelah ${target.attemptCount} percobaan: ${error.reason.id}`,
        en: `Failed after ${target.attemptCount} attempts: ${error.reason.en}`,
      });
    }
    await this.outcomes.waiting(target, {
      at: decision.at,
      code: error.platformCode,
      reason: error.reason,
    });
    return 'waiting';
  }

  private async fail(
    target: ClaimedTarget,
    reauthAccountId: string | null,
    code: string,
    reason: LocalizedText,
  ): Promise<TargetOutcome> {
    await this.outcomes.failed(target, { code, reason, reauthAccountId });
    this.logger.warn(`target ${target.id} failed: ${code}`);
    return 'failed';
  }

  private async startAttempt(
    target: ClaimedTarget,
    worker: string,
    kind: AttemptKind,
    startedAt: Date,
  ): Promise<string> {
    return this.repo.startAttempt({
      institutionId: target.institutionId,
      postTargetId: target.id,
      attemptNo: target.attemptCount,
      kind,
      worker,
      startedAt,
      latenessMs: target.plannedAt ? startedAt.getTime() - target.plannedAt.getTime() : null,
    });
  }

  private async record(
    attemptId: string,
    startedAt: Date,
    outcome: AttemptOutcome,
    error: PlatformError | null,
  ): Promise<void> {
    const now = this.clock.now();
    await this.repo.transaction((manager) =>
      this.repo.finishAttempt(manager, attemptId, {
        outcome,
        finishedAt: now,
        durationMs: now.getTime() - startedAt.getTime(),
        platformResponse: error
          ? redact({
              kind: error.kind,
              platformCode: error.platformCode,
              detail: error.detail ?? null,
              retryAt: error.retryAt?.toISOString() ?? null,
              containerId: error.containerId ?? null,
            })
          : null,
        errorCode: error?.platformCode ?? null,
        errorMessage: error ? bilingual(error.reason) : null,
      }),
    );
  }

  private async contentOf(target: ClaimedTarget, work: TargetWork): Promise<PublishContent> {
    const images = await this.renders.findStored(work.renderIds, false);
    return {
      caption: work.caption,
      images: images.map((i) => ({ url: i.publicUrl, altText: i.altText })),
      marker: target.id,
    };
  }
}

/** The publishing log never keeps credentials, whatever a platform echoes back. */
export function redact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? '[redacted]' : v]),
  );
}
