import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { RequestScope } from '../../auth/request-scope';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { buildIcsFeed, describeFeedEvent, type IcsEvent } from '../ics';
import { DAY_MS } from '../local-time';
import { PlanningRepository } from '../planning/planning.repository';

const PAST_DAYS = 30;
const AHEAD_DAYS = 90;
const EVENT_MINUTES = 30;
const FEED = { id: 'Kalender', en: 'Calendar feed' };
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Per-user iCalendar subscriptions. The token is 256 random bits shown once; only its SHA-256
 * is stored, so a leaked database does not leak feeds. Creating a feed again rotates the token
 * (the old URL stops working); revoking ends every live token of the user.
 */
@Injectable()
export class IcsFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: PlanningRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(scope: RequestScope): Promise<{ url: string }> {
    const institutionId = scope.requireInstitution();
    if (scope.user.institutionId !== institutionId) {
      throw AppError.validation('X-Institution-Id', {
        id: 'Umpan kalender hanya untuk kalender lembaga Anda sendiri',
        en: 'A calendar feed is only available for your own institution',
      });
    }
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (manager) => {
      await this.repository.replaceFeedToken(
        manager,
        scope.user.id,
        hashOf(token),
        this.clock.now(),
      );
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'create',
          entityType: 'ics_feed',
          entityId: scope.user.id,
        },
        manager,
      );
    });
    return { url: `${this.config.publicBaseUrl}/api/calendar/feeds/${token}.ics` };
  }

  async revoke(scope: RequestScope): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.repository.revokeFeedTokens(
        manager,
        scope.user.id,
        this.clock.now(),
      );
      if (revoked === 0) throw AppError.notFound(FEED);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: scope.user.institutionId,
          action: 'delete',
          entityType: 'ics_feed',
          entityId: scope.user.id,
        },
        manager,
      );
    });
  }

  /** The feed body for a token; unknown, malformed and revoked tokens are all a 404. */
  async render(tokenWithExtension: string): Promise<string> {
    const token = tokenWithExtension.replace(/\.ics$/, '');
    const owner = TOKEN_FORMAT.test(token) ? await this.repository.feedOwner(hashOf(token)) : null;
    if (!owner) throw AppError.notFound(FEED, 'token');
    const institution = await this.repository.timeZoneOf(owner.institutionId);
    const now = this.clock.now();
    const posts = await this.repository.plannedPosts(
      owner.institutionId,
      new Date(now.getTime() - PAST_DAYS * DAY_MS),
      new Date(now.getTime() + AHEAD_DAYS * DAY_MS),
      true,
    );
    const base = this.config.publicBaseUrl;
    const events: IcsEvent[] = posts.map((post) => ({
      uid: post.id,
      start: post.plannedAt,
      durationMinutes: EVENT_MINUTES,
      title: post.title || post.productName || 'Postingan',
      description: describeFeedEvent({
        product: post.productName,
        networks: post.networks,
        status: post.status,
      }),
      url: `${base}/#/konten/${post.id}`,
      cancelled: post.status === 'cancelled',
    }));
    return buildIcsFeed({
      name: `Karya — ${institution?.name ?? ''}`.trim(),
      events,
      generatedAt: now,
      uidDomain: new URL(base).host || 'karya',
    });
  }
}
