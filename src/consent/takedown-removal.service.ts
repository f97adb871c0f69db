import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditService } from '../audit/audit.service';
import type { RequestScope } from '../auth/request-scope';
import { AppError, type LocalizedText } from '../common/app-error';
import { Clock } from '../common/clock';
import { NotificationsService } from '../notifications/notifications.service';
import { isPlatformError } from '../platforms/platform-adapter';
import { PlatformRegistry } from '../platforms/platform-registry';
import {
  AccountCredentialsService,
  CredentialsMissingError,
} from '../publishing/accounts/account-credentials.service';
import { toRemovalResponse, type TakedownRemovalListResponse } from './takedown-removal.dto';
import {
  type PublishedTarget,
  type RemovalStatus,
  TakedownRemovalRepository,
  type TaskRef,
} from './takedown-removal.repository';
import { isClosedTakedown } from './takedown-status';

const TASK = { id: 'Tugas penurunan', en: 'Takedown task' };
const REMOVAL = { id: 'Penghapusan', en: 'Removal' };
const NETWORK_NAMES = { instagram: 'Instagram', facebook: 'Facebook', x: 'X' } as const;

interface RemovalOutcome {
  status: Exclude<RemovalStatus, 'manual_done'>;
  /** Why a person must act, or that the platform had already removed it. */
  detail: LocalizedText | null;
}

/**
 * Takes a takedown task's published posts down through the platform adapters. Each platform call
 * runs outside any transaction; its result is recorded (removal row, audit, notification) in one
 * short transaction per target. What a platform cannot or would not delete becomes a manual item
 * with the permalink, which a person marks done after removing the post by hand.
 */
@Injectable()
export class TakedownRemovalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly removals: TakedownRemovalRepository,
    private readonly registry: PlatformRegistry,
    private readonly credentials: AccountCredentialsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: RequestScope, taskId: string): Promise<TakedownRemovalListResponse> {
    const task = await this.removals.findTask(taskId, scope.institutionFilter);
    if (!task) throw AppError.notFound(TASK);
    return { items: (await this.removals.removals(task.id)).map(toRemovalResponse) };
  }

  /** Safe to repeat: targets already taken down are skipped, manual ones are tried again. */
  async removePublished(scope: RequestScope, taskId: string): Promise<TakedownRemovalListResponse> {
    const task = await this.removals.findTask(taskId, scope.institutionFilter);
    if (!task) throw AppError.notFound(TASK);
    assertOpen(task);
    for (const target of await this.removals.publishedTargets(task.id)) {
      const outcome = await this.deleteOnPlatform(target);
      await this.dataSource.transaction((manager) =>
        this.recordOutcome(manager, scope, task, target, outcome),
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const current = await this.removals.findTask(task.id, null, manager, true);
      if (current?.status !== 'open') return;
      await this.removals.startTask(manager, task.id);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: task.institutionId,
          action: 'update',
          entityType: 'takedown_task',
          entityId: task.id,
          before: { status: 'open' },
          after: { status: 'in_progress', event: 'remove_posts' },
        },
        manager,
      );
    });
    return this.list(scope, task.id);
  }

  /** A person removed a manual item's post by hand. */
  async resolveManual(
    scope: RequestScope,
    taskId: string,
    removalId: string,
  ): Promise<TakedownRemovalListResponse> {
    const at = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const task = await this.removals.findTask(taskId, scope.institutionFilter, manager, true);
      if (!task) throw AppError.notFound(TASK);
      assertOpen(task);
      const removal = await this.removals.lockRemoval(manager, task.id, removalId);
      if (!removal) throw AppError.notFound(REMOVAL, 'removalId');
      if (removal.status !== 'manual') {
        throw AppError.conflict('removalId', {
          id: `Hanya penghapusan manual yang dapat ditandai selesai; status: ${removal.status}`,
          en: `Only a manual removal can be marked done; it is ${removal.status}`,
        });
      }
      await this.removals.resolveRemoval(manager, removal.id, scope.user.id, at);
      await this.removals.markTakenDown(manager, removal.postTargetId, at);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: task.institutionId,
          action: 'delete',
          entityType: 'post_target',
          entityId: removal.postTargetId,
          before: { status: 'manual', permalink: removal.permalink },
          after: { takedownTaskId: task.id, status: 'manual_done', removedBy: 'person' },
        },
        manager,
      );
    });
    return this.list(scope, taskId);
  }

  private async deleteOnPlatform(target: PublishedTarget): Promise<RemovalOutcome> {
    if (!target.platformPostId) {
      return manual({
        id: 'ID postingan di platform tidak diketahui',
        en: 'The platform post id is unknown',
      });
    }
    try {
      const account = await this.credentials.platformAccountFor(target.socialAccountId);
      const adapter = this.registry.adapterFor(target.network, target.accountKind);
      const result = await adapter.deletePost(account, target.platformPostId);
      if (result === 'deleted') return { status: 'removed', detail: null };
      if (result === 'already_gone') {
        return {
          status: 'removed',
          detail: { id: 'Sudah tidak ada di platform', en: 'Already gone from the platform' },
        };
      }
      return manual({
        id: 'Platform tidak mengizinkan penghapusan lewat API',
        en: 'The platform does not allow deleting it through its API',
      });
    } catch (error) {
      if (error instanceof CredentialsMissingError) {
        return manual({
          id: 'Kredensial akun tidak tersimpan',
          en: 'No credentials are stored for the account',
        });
      }
      if (isPlatformError(error)) return manual(error.reason);
      throw error;
    }
  }

  private async recordOutcome(
    manager: EntityManager,
    scope: RequestScope,
    task: TaskRef,
    target: PublishedTarget,
    outcome: RemovalOutcome,
  ): Promise<void> {
    const at = this.clock.now();
    const detail = outcome.detail ? `${outcome.detail.id} / ${outcome.detail.en}` : null;
    await this.removals.saveRemoval(manager, task.id, target, { ...outcome, detail, at });
    if (outcome.status === 'removed') await this.removals.markTakenDown(manager, target.id, at);
    await this.audit.record(
      {
        actor: actorOf(scope),
        institutionId: task.institutionId,
        action: outcome.status === 'removed' ? 'delete' : 'update',
        entityType: 'post_target',
        entityId: target.id,
        after: {
          takedownTaskId: task.id,
          status: outcome.status,
          network: target.network,
          platformPostId: target.platformPostId,
          permalink: target.permalink,
          detail: outcome.detail,
        },
      },
      manager,
    );
    const network = NETWORK_NAMES[target.network];
    const removed = outcome.status === 'removed';
    await this.notifications.notify(manager, {
      institutionId: task.institutionId,
      kind: 'takedown',
      postId: target.postId,
      postTargetId: target.id,
      socialAccountId: target.socialAccountId,
      title: removed
        ? {
            id: `Diturunkan dari ${network}: ${target.postTitle}`,
            en: `Taken down from ${network}: ${target.postTitle}`,
          }
        : {
            id: `Hapus manual dari ${network}: ${target.postTitle}`,
            en: `Remove by hand from ${network}: ${target.postTitle}`,
          },
      body: removed
        ? {
            id: 'Postingan dihapus karena persetujuan foto ditarik.',
            en: 'The post was deleted because a photo consent was withdrawn.',
          }
        : {
            id: `Persetujuan foto ditarik. ${outcome.detail?.id ?? ''} Hapus lewat ${target.permalink ?? 'aplikasi platform'}, lalu tandai selesai.`,
            en: `A photo consent was withdrawn. ${outcome.detail?.en ?? ''} Remove it at ${target.permalink ?? 'the platform app'}, then mark it done.`,
          },
      data: {
        takedownTaskId: task.id,
        network: target.network,
        status: outcome.status,
        permalink: target.permalink,
      },
    });
  }
}

function manual(detail: LocalizedText): RemovalOutcome {
  return { status: 'manual', detail };
}

function assertOpen(task: TaskRef): void {
  if (isClosedTakedown(task.status)) {
    throw AppError.conflict('id', {
      id: `Tugas penurunan sudah ditutup (${task.status})`,
      en: `The takedown task is closed (${task.status})`,
    });
  }
}
