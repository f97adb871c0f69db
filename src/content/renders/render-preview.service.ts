import { Injectable } from '@nestjs/common';
import type { RequestScope } from '../../auth/request-scope';
import { Clock } from '../../common/clock';
import { MediaQueryService } from '../../media/media-query.service';
import { ImageTemplateService } from '../templates/image-template.service';
import { RenderPreviewDto, RenderPreviewResponse, UnusablePhotoResponse } from './render.dto';
import { RenderService } from './render.service';

/**
 * What the editor shows before a post is submitted: the very images a post would publish.
 * Photos that are not cleared are rendered too (staff compose while consent is on its way), and
 * the answer lists them per network; posts refuse them (assessClearance, the media rule).
 */
@Injectable()
export class RenderPreviewService {
  constructor(
    private readonly renders: RenderService,
    private readonly templates: ImageTemplateService,
    private readonly media: MediaQueryService,
    private readonly clock: Clock,
  ) {}

  async preview(scope: RequestScope, dto: RenderPreviewDto): Promise<RenderPreviewResponse> {
    const institutionId = scope.requireInstitution();
    const images = await this.renders.renderForPost({
      institutionId,
      imageTemplateId: dto.imageTemplateId,
      productId: dto.productId ?? null,
      mediaAssetIds: dto.mediaAssetIds,
      variables: { ...dto.variables },
    });
    const { template } = await this.templates.requireUsable(institutionId, dto.imageTemplateId);
    const now = this.clock.now();
    const unusablePhotos: UnusablePhotoResponse[] = [];
    for (const network of template.networks) {
      const assessments = await this.media.assessForChannel(
        institutionId,
        dto.mediaAssetIds,
        network,
        now,
      );
      for (const [mediaAssetId, assessment] of assessments) {
        if (!assessment.usable) {
          const { reason, message } = assessment;
          unusablePhotos.push({ mediaAssetId, network, reason, message });
        }
      }
    }
    return { images, unusablePhotos };
  }
}
