import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { MediaQueryService } from '../../media/media-query.service';
import { MEDIA_STORAGE, type MediaStorage } from '../../media/storage/media-storage';
import { SOCIAL_NETWORKS } from '../rendering/template';
import { Render } from './render.entity';
import { RenderRepository } from './render.repository';

const PUBLIC_FILE = /^([A-Za-z0-9_-]{32})\.jpg$/;
const IMAGE = { id: 'Gambar', en: 'Image' };

/**
 * Serves rendered images to the networks. A render is public only while every photo it shows
 * is cleared for at least one network: a withdrawn, expired or never-cleared photo (a preview
 * of an uncleared one, say) makes its URL answer 404 from that moment on.
 */
@Injectable()
export class PublicRenderService {
  private readonly logger = new Logger(PublicRenderService.name);

  constructor(
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    private readonly renders: RenderRepository,
    private readonly media: MediaQueryService,
    private readonly clock: Clock,
  ) {}

  async open(file: string): Promise<{ stream: Readable; byteSize: number }> {
    const token = PUBLIC_FILE.exec(file)?.[1];
    const render = token ? await this.renders.findByToken(token) : null;
    if (!render || !(await this.photosCleared(render))) throw AppError.notFound(IMAGE, 'file');
    try {
      return { stream: await this.storage.stream(render.storageKey), byteSize: render.byteSize };
    } catch (error) {
      this.logger.error({ err: error, renderId: render.id }, 'Rendered file is missing');
      throw AppError.notFound(IMAGE, 'file');
    }
  }

  private async photosCleared(render: Render): Promise<boolean> {
    if (render.mediaAssetIds.length === 0) return true;
    const now = this.clock.now();
    for (const network of SOCIAL_NETWORKS) {
      const assessments = await this.media.assessForChannel(
        render.institutionId,
        render.mediaAssetIds,
        network,
        now,
      );
      const all = render.mediaAssetIds.map((id) => assessments.get(id));
      if (all.every((a) => a?.usable)) return true;
    }
    return false;
  }
}
