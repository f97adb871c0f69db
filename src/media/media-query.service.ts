import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { RequestScope } from '../auth/request-scope';
import { AppError } from '../common/app-error';
import { Clock } from '../common/clock';
import { type Page, pageOf } from '../common/pagination';
import type { ClearanceAssessment, ConsentChannel } from './clearance';
import { MediaAsset } from './media-asset.entity';
import { MediaPresenter } from './media-presenter';
import { MediaListQuery, MediaResponse, PHOTO } from './media.dto';
import { MediaRepository } from './media.repository';
import { MEDIA_STORAGE, type MediaStorage } from './storage/media-storage';

/** Reading the library: lists, details with clearance, the bytes; and clearance for publishing. */
@Injectable()
export class MediaQueryService {
  constructor(
    private readonly media: MediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly presenter: MediaPresenter,
    private readonly clock: Clock,
  ) {}

  async list(scope: RequestScope, query: MediaListQuery): Promise<Page<MediaResponse>> {
    const [assets, total] = await this.media.list(
      scope.institutionFilter,
      { productId: query.productId, clearance: query.clearance, usable: query.usable },
      query,
      this.clock.now(),
    );
    return pageOf(await this.presenter.present(assets), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<MediaResponse> {
    return this.presenter.presentOne(await this.findVisible(scope, id));
  }

  async openFile(
    scope: RequestScope,
    id: string,
    variant: 'photo' | 'thumbnail',
  ): Promise<StreamableFile> {
    const asset = await this.findVisible(scope, id);
    const [key, type] =
      variant === 'photo' ? [asset.storageKey, asset.mimeType] : [asset.thumbnailKey, 'image/jpeg'];
    return new StreamableFile(await this.storage.stream(key), { type, disposition: 'inline' });
  }

  /**
   * For Content and Publishing: may these photos of the institution go out on `channel` at
   * `at`? Ids not in the institution are absent from the map (treat them as not found). Call
   * outside a transaction: it reads on its own connection.
   */
  async assessForChannel(
    institutionId: string,
    mediaAssetIds: readonly string[],
    channel: ConsentChannel,
    at: Date,
  ): Promise<Map<string, ClearanceAssessment>> {
    const assets = await this.media.findInInstitution(institutionId, mediaAssetIds);
    return this.presenter.assess(assets, channel, at);
  }

  /** A photo of the institution (for rendering), or null. */
  async findInInstitution(institutionId: string, id: string): Promise<MediaAsset | null> {
    return (await this.media.findInInstitution(institutionId, [id]))[0] ?? null;
  }

  private async findVisible(scope: RequestScope, id: string): Promise<MediaAsset> {
    const asset = await this.media.findVisible(id, scope.institutionFilter);
    if (!asset) throw AppError.notFound(PHOTO);
    return asset;
  }
}
