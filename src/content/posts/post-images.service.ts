import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { MEDIA_STORAGE, type MediaStorage } from '../../media/storage/media-storage';
import { RenderedImage, RenderService } from '../renders/render.service';
import { checkNetworkRules } from '../rendering/network-rules';
import { SOCIAL_NETWORKS, type SocialNetwork, type TextBinding } from '../rendering/template';
import { ImageTemplateService } from '../templates/image-template.service';
import type { ImageText } from './post-checks';
import type { PostContext } from './post-context.loader';
import type { PostInput } from './post-input';
import { PostRepository } from './post.repository';

/** A rendered image as a post shows it; `networkViolations` only when the bytes were checked. */
export type PostImage = Omit<RenderedImage, 'networkViolations'> & {
  networkViolations?: RenderedImage['networkViolations'];
};

/** The texts people write that a template may draw into the image, and the field to fix. */
const CHECKED_BINDINGS: Partial<Record<TextBinding, string>> = {
  'product.name': 'productId',
  tagline: 'variables.tagline',
  cta: 'variables.cta',
  'institution.name': 'institution',
  'workshop.name': 'productId',
};

/**
 * A post's images: rendered from its template (cached by content), or read back by render id
 * for a stored post. Reading back reuses the stored files instead of rendering again, so
 * checking or showing a post never creates renders.
 */
@Injectable()
export class PostImages {
  constructor(
    private readonly renders: RenderService,
    private readonly templates: ImageTemplateService,
    private readonly posts: PostRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A template with photos renders; anything else has no rendered image. */
  static rendersImages(input: PostInput): boolean {
    return input.imageTemplateId !== null && input.mediaAssetIds.length > 0;
  }

  async render(institutionId: string, input: PostInput): Promise<RenderedImage[]> {
    if (!PostImages.rendersImages(input)) return [];
    return this.renders.renderForPost({
      institutionId,
      imageTemplateId: input.imageTemplateId as string,
      productId: input.productId,
      mediaAssetIds: input.mediaAssetIds,
      variables: {
        tagline: input.variables.tagline,
        cta: input.variables.cta,
        oldPriceRupiah: input.variables.oldPriceRupiah,
      },
    });
  }

  /**
   * Stored renders in the given order. With `checkRules`, the bytes are read and checked against
   * every network's rules, as a fresh render would be.
   * Thin adapter: RenderService has no lookup by id yet; the URL shape mirrors its own.
   */
  async stored(ids: readonly string[], checkRules: boolean): Promise<PostImage[]> {
    const rows = await this.posts.renders(ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const images: PostImage[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) continue;
      const image: PostImage = {
        id: row.id,
        publicUrl: `${this.config.publicBaseUrl}/r/${row.publicToken}.jpg`,
        width: row.width,
        height: row.height,
        byteSize: row.byteSize,
        mimeType: row.mimeType,
        altText: row.altText,
      };
      if (checkRules) {
        const buffer = await this.storage.get(row.storageKey);
        image.networkViolations = Object.fromEntries(
          SOCIAL_NETWORKS.map((n) => [n, checkNetworkRules({ buffer }, n)]),
        ) as Record<SocialNetwork, ReturnType<typeof checkNetworkRules>>;
      }
      images.push(image);
    }
    return images;
  }

  /** The written texts the post's template draws into its image, for the dignity check. */
  async imageTexts(
    institutionId: string,
    input: PostInput,
    context: PostContext,
  ): Promise<ImageText[]> {
    if (!PostImages.rendersImages(input)) return [];
    const { template } = await this.templates.requireUsable(
      institutionId,
      input.imageTemplateId as string,
    );
    const values: Partial<Record<TextBinding, string | undefined>> = {
      'product.name': context.product?.name,
      tagline: input.variables.tagline,
      cta: input.variables.cta,
      'institution.name': context.institution.name,
      'workshop.name': context.product?.workshopName,
    };
    const bindings = [...new Set(template.texts.map((t) => t.binding))];
    return bindings.flatMap((binding) => {
      const field = CHECKED_BINDINGS[binding];
      const text = values[binding];
      return field && text ? [{ binding, field, text }] : [];
    });
  }
}
