import { SocialNetwork } from '../rendering/template';
import type { PostDraft } from './post-drafts.service';
import { toImageView } from './post-presenter';
import {
  PhotoClearanceView,
  PostImageView,
  PostPreviewResponse,
  previewOf,
} from './post-response.dto';

/**
 * The preview of a draft: per network the caption, images, counters against each limit,
 * dignity findings with their spans, photo clearance, and what blocks submitting. Without an
 * image template the photos go out as they are, so the preview shows them.
 */
export function previewOfDraft(draft: PostDraft): PostPreviewResponse {
  const images: PostImageView[] =
    draft.images.length > 0
      ? draft.images.map(toImageView)
      : draft.context.photos.map((photo) => ({
          id: photo.id,
          url: `/api/media/${photo.id}/file`,
          width: photo.width,
          height: photo.height,
          altText: photo.altText,
        }));
  const photos = (network: SocialNetwork): PhotoClearanceView[] =>
    draft.context.clearance.map((photo) => {
      const assessment = photo.clearance[network];
      const blocked = assessment && !assessment.usable ? assessment : null;
      return {
        mediaAssetId: photo.mediaAssetId,
        position: photo.position,
        usable: assessment?.usable ?? false,
        reason: blocked?.reason ?? null,
        message: blocked?.message ?? null,
      };
    });
  return previewOf(draft.checks, images, photos);
}
