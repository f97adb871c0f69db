import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { subDays } from 'date-fns';
import { Clock } from '../../common/clock';
import { localDate } from '../../media/clearance';
import { LINK_CODE_PATTERN } from './link-code';
import { LinkClickRepository } from './link-click.repository';
import { TrackedLinkRepository } from './tracked-link.repository';
import { isCountable, type Visitor, visitorHash } from './visitor';

/**
 * Resolves /l/<code> and counts the click. The count is one statement after one read; a
 * failure to count is logged and never keeps the visitor from the shop.
 */
@Injectable()
export class LinkRedirectService {
  private readonly logger = new Logger(LinkRedirectService.name);
  /** Salts by day, so the redirect reads its salt from the database once a day per process. */
  private readonly salts = new Map<string, string>();

  constructor(
    private readonly links: TrackedLinkRepository,
    private readonly clicks: LinkClickRepository,
    private readonly clock: Clock,
  ) {}

  /** The destination URL, or null for a code that does not exist. */
  async follow(code: string, visitor: Visitor): Promise<string | null> {
    if (!LINK_CODE_PATTERN.test(code)) return null;
    const target = await this.links.redirectTarget(code);
    if (!target) return null;
    if (isCountable(visitor)) {
      try {
        const day = localDate(this.clock.now(), target.timeZone);
        const hash = visitorHash(await this.salt(day), visitor);
        await this.clicks.count(target.linkId, target.institutionId, day, hash);
      } catch (error) {
        this.logger.error({ err: error, linkId: target.linkId }, 'Could not count a link click');
      }
    }
    return target.destinationUrl;
  }

  private async salt(day: string): Promise<string> {
    const cached = this.salts.get(day);
    if (cached) return cached;
    const salt = await this.clicks.saltFor(day, randomBytes(32).toString('base64url'));
    // A new day: yesterday stays (zones east of ours are still on it), anything older goes.
    const keepFrom = localDate(subDays(new Date(`${day}T12:00:00Z`), 1), 'UTC');
    await this.clicks.forgetBefore(keepFrom);
    for (const known of this.salts.keys()) if (known < keepFrom) this.salts.delete(known);
    this.salts.set(day, salt);
    return salt;
  }
}
