import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AuditActor, AuditService } from '../../audit/audit.service';
import type { LocalizedText } from '../../common/app-error';
import type { SocialNetwork } from '../../content/rendering/template';
import type { NotificationEvent } from '../../notifications/notification-event';
import { NotificationsService } from '../../notifications/notifications.service';

/** Audit rows of the dispatcher's own decisions name it as the actor. */
export const DISPATCHER_AUDIT_ACTOR: AuditActor = { userId: null, email: 'system:dispatcher' };

/** Published later than this after the planned time → a 'published_late' notification. */
export const LATE_AFTER_MS = 15 * 60_000;

const NETWORK_NAMES: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

/** What the events need to know of a target (a ClaimedTarget fits). */
export interface TargetRef {
  id: string;
  postId: string;
  institutionId: string;
  socialAccountId: string;
  network: SocialNetwork;
  plannedAt: Date | null;
}

/** Whole minutes late, when publishing at `publishedAt` counts as late; otherwise null. */
export function minutesLate(plannedAt: Date | null, publishedAt: Date): number | null {
  if (!plannedAt) return null;
  const late = publishedAt.getTime() - plannedAt.getTime();
  return late > LATE_AFTER_MS ? Math.floor(late / 60_000) : null;
}

/**
 * The dispatcher's transitions as the audit log and the notifications see them. Each method runs
 * inside the dispatcher's transaction for that transition, so the record commits with it.
 */
@Injectable()
export class TargetEvents {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async published(
    manager: EntityManager,
    target: TargetRef,
    post: { platformPostId: string; permalink: string | null; publishedAt: Date },
  ): Promise<void> {
    await this.record(manager, target, 'publish', {
      status: 'published',
      platformPostId: post.platformPostId,
      permalink: post.permalink,
      publishedAt: post.publishedAt.toISOString(),
    });
    const minutes = minutesLate(target.plannedAt, post.publishedAt);
    if (minutes === null) return;
    const title = await this.postTitle(manager, target.postId);
    const network = NETWORK_NAMES[target.network];
    await this.notifyAbout(manager, target, target.socialAccountId, {
      kind: 'published_late',
      title: {
        id: `Terbit ${minutes} menit terlambat di ${network}: ${title}`,
        en: `Published ${minutes} minutes late on ${network}: ${title}`,
      },
      body: {
        id: `Dijadwalkan ${target.plannedAt!.toISOString()}, terbit ${post.publishedAt.toISOString()} (UTC).`,
        en: `Planned for ${target.plannedAt!.toISOString()}, published ${post.publishedAt.toISOString()} (UTC).`,
      },
      data: {
        network: target.network,
        minutesLate: minutes,
        plannedAt: target.plannedAt!.toISOString(),
        publishedAt: post.publishedAt.toISOString(),
        permalink: post.permalink,
      },
    });
  }

  /**
   * Call before the account is marked: the needs-reauth notice goes out once, when the account
   * turns from connected to needs_reauth, not for every target that fails after it.
   */
  async failed(
    manager: EntityManager,
    target: TargetRef,
    failure: { code: string; reason: LocalizedText; reauthAccountId: string | null },
  ): Promise<void> {
    await this.record(manager, target, 'update', {
      status: 'failed',
      code: failure.code,
      reason: failure.reason,
      accountNeedsReauth: failure.reauthAccountId !== null,
    });
    const title = await this.postTitle(manager, target.postId);
    const network = NETWORK_NAMES[target.network];
    await this.notifyAbout(manager, target, target.socialAccountId, {
      kind: 'publish_failed',
      title: {
        id: `Gagal terbit di ${network}: ${title}`,
        en: `Publishing to ${network} failed: ${title}`,
      },
      body: failure.reason,
      data: { network: target.network, code: failure.code, reason: failure.reason },
    });
    if (failure.reauthAccountId) {
      await this.accountNeedsReauth(manager, target, failure.reauthAccountId, failure.reason);
    }
  }

  async waiting(
    manager: EntityManager,
    target: TargetRef,
    retry: { at: Date; code: string; reason: LocalizedText },
  ): Promise<void> {
    await this.record(manager, target, 'update', {
      status: 'retry_waiting',
      nextAttemptAt: retry.at.toISOString(),
      code: retry.code,
      reason: retry.reason,
    });
  }

  private async accountNeedsReauth(
    manager: EntityManager,
    target: TargetRef,
    accountId: string,
    reason: LocalizedText,
  ): Promise<void> {
    const rows: { displayName: string; status: string }[] = await manager.query(
      `SELECT display_name AS "displayName", status FROM social_accounts WHERE id = $1 FOR UPDATE`,
      [accountId],
    );
    if (rows[0]?.status !== 'connected') return;
    const name = rows[0].displayName;
    const network = NETWORK_NAMES[target.network];
    await this.audit.record(
      {
        actor: DISPATCHER_AUDIT_ACTOR,
        institutionId: target.institutionId,
        action: 'update',
        entityType: 'social_account',
        entityId: accountId,
        before: { status: 'connected' },
        after: { status: 'needs_reauth', reason },
      },
      manager,
    );
    await this.notifyAbout(manager, target, accountId, {
      kind: 'needs_reauth',
      title: {
        id: `Akun ${network} "${name}" perlu disambungkan ulang`,
        en: `The ${network} account "${name}" needs to be reconnected`,
      },
      body: {
        id: `Publikasi ke akun ini berhenti sampai akun disambungkan ulang. ${reason.id}`,
        en: `Publishing to this account stops until it is reconnected. ${reason.en}`,
      },
      data: { network: target.network, reason },
    });
  }

  private async notifyAbout(
    manager: EntityManager,
    target: TargetRef,
    socialAccountId: string,
    notice: Pick<NotificationEvent, 'kind' | 'title' | 'body' | 'data'>,
  ): Promise<void> {
    await this.notifications.notify(manager, {
      institutionId: target.institutionId,
      postId: target.postId,
      postTargetId: target.id,
      socialAccountId,
      ...notice,
    });
  }

  private async record(
    manager: EntityManager,
    target: TargetRef,
    action: 'publish' | 'update',
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(
      {
        actor: DISPATCHER_AUDIT_ACTOR,
        institutionId: target.institutionId,
        action,
        entityType: 'post_target',
        entityId: target.id,
        after: { postId: target.postId, network: target.network, ...after },
      },
      manager,
    );
  }

  private async postTitle(manager: EntityManager, postId: string): Promise<string> {
    const rows: { title: string }[] = await manager.query(`SELECT title FROM posts WHERE id = $1`, [
      postId,
    ]);
    return rows[0]?.title ?? '';
  }
}
