import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LinkClickRepository } from './link-click.repository';
import { LinkRedirectController } from './link-redirect.controller';
import { LinkRedirectService } from './link-redirect.service';
import { TrackedLinksTick } from './links.tick';
import { TrackedLinkController } from './tracked-link.controller';
import { TrackedLink } from './tracked-link.entity';
import { TrackedLinkRepository } from './tracked-link.repository';
import { TrackedLinkService } from './tracked-link.service';

/** Tracked short links with UTM tags and privacy-preserving click counts. */
@Module({
  imports: [TypeOrmModule.forFeature([TrackedLink])],
  controllers: [TrackedLinkController, LinkRedirectController],
  providers: [
    TrackedLinkRepository,
    LinkClickRepository,
    TrackedLinkService,
    LinkRedirectService,
    TrackedLinksTick,
  ],
  exports: [TrackedLinkService],
})
export class LinksModule {}
