/**
 * A sandbox account publishes nothing outside Karya: the post goes to the app's own, clearly
 * labelled sandbox feed (stored by the publishing feature; this adapter is pure). It applies the
 * imitated network's real rules, so staff in training meet the same refusals, and reports
 * simulated engagement that grows over time.
 */
import type { Clock } from '../../common/clock';
import type { SocialNetwork } from '../../content/rendering/template';
import {
  DeleteResult,
  MetricsReading,
  PlatformAccount,
  PlatformAdapter,
  PublishContent,
  PublishedPost,
  ReconcileQuery,
  ReconcileResult,
  RefreshResult,
} from '../platform-adapter';
import { rejectIfInvalid, validateForNetwork } from '../platform-validation';
import {
  parseSandboxPostId,
  sandboxPostId,
  simulateFollowers,
  simulatedReading,
} from './sandbox-simulation';

export interface SandboxOptions {
  /** PUBLIC_BASE_URL: permalinks open the post in the app's sandbox feed. */
  publicBaseUrl: string;
}

export class SandboxAdapter implements PlatformAdapter {
  constructor(
    readonly network: SocialNetwork,
    private readonly options: SandboxOptions,
    private readonly clock: Clock,
  ) {}

  validate(content: PublishContent) {
    return validateForNetwork(this.network, content);
  }

  async publish(_account: PlatformAccount, content: PublishContent): Promise<PublishedPost> {
    rejectIfInvalid(this.network, this.validate(content));
    const id = sandboxPostId(this.network, content.marker, this.clock.now());
    return { platformPostId: id, permalink: this.permalink(id) };
  }

  /**
   * Publishing cannot be uncertain here, but a crash may lose the answer: the feed (keyed by the
   * marker) is where the post would be, so without an id there is nothing to find and publishing
   * again is safe.
   */
  async reconcile(_account: PlatformAccount, query: ReconcileQuery): Promise<ReconcileResult> {
    const id = query.platformPostId;
    if (id && parseSandboxPostId(id)?.network === this.network) {
      return { status: 'found', platformPostId: id, permalink: this.permalink(id) };
    }
    return { status: 'not_found' };
  }

  async refreshCredentials(): Promise<RefreshResult> {
    return { status: 'not_needed' };
  }

  async fetchMetrics(_account: PlatformAccount, postId: string): Promise<MetricsReading> {
    return simulatedReading(this.network, postId, this.clock.now());
  }

  async deletePost(): Promise<DeleteResult> {
    return 'deleted';
  }

  async fetchFollowers(account: PlatformAccount): Promise<number | null> {
    return simulateFollowers(this.network, account.externalId, this.clock.now());
  }

  private permalink(id: string): string {
    return `${this.options.publicBaseUrl}/#/sandbox/${id}`;
  }
}
