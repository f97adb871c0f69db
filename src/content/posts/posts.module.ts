import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/calendar.module';
import { CatalogueModule } from '../../catalogue/catalogue.module';
import { ConsentModule } from '../../consent/consent.module';
import { InstitutionModule } from '../../institutions/institution.module';
import { MediaModule } from '../../media/media.module';
import { AccountsModule } from '../../publishing/accounts/accounts.module';
import { DueSignalModule } from '../../publishing/due-signal/due-signal.module';
import { LibraryModule } from '../library/library.module';
import { RendersModule } from '../renders/renders.module';
import { TemplatesModule } from '../templates/templates.module';
import { PostContextLoader } from './post-context.loader';
import { PostDrafts } from './post-drafts.service';
import { PostImages } from './post-images.service';
import { PostPresenter } from './post-presenter';
import { PostPullBackService } from './post-pull-back.service';
import { PostReviewService } from './post-review.service';
import { PostController } from './post.controller';
import {
  DignityOverride,
  Post,
  PostComment,
  PostMedia,
  PostTarget,
  PostVariant,
} from './post.entity';
import { PostRepository } from './post.repository';
import { PostService } from './post.service';

/**
 * Posts: composing (captions per network, rendered images), the submit checks and preview,
 * four-eyes review, dignity overrides, comments, and pulling posts back when their product is
 * archived or a photo's consent is withdrawn.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Post,
      PostMedia,
      PostVariant,
      PostTarget,
      PostComment,
      DignityOverride,
    ]),
    CalendarModule,
    CatalogueModule,
    ConsentModule,
    InstitutionModule,
    MediaModule,
    AccountsModule,
    DueSignalModule,
    LibraryModule,
    TemplatesModule,
    RendersModule,
  ],
  controllers: [PostController],
  providers: [
    PostRepository,
    PostContextLoader,
    PostImages,
    PostDrafts,
    PostPresenter,
    PostService,
    PostReviewService,
    PostPullBackService,
  ],
  exports: [PostService, PostPullBackService, PostDrafts, PostRepository],
})
export class PostsModule {}
