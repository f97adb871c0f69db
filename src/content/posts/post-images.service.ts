import { Injectable } from '@nestjs/common';
import { RenderedImage, RenderService, StoredImage } from '../renders/render.service';
import { type TextBinding } from '../rendering/template';
import { ImageTemplateService } from '../templates/image-template.service';
import type { ImageText } from './post-checks';
import type { PostContext } from './post-context.loader';
import type { PostInput } from './post-input';

/** A rendered image as a post shows it; `networkViolations` only when the bytes were checked. */
export type PostImage = StoredImage;

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

  /** Stored renders in the given order, optionally re-checked against the networks' rules. */
  stored(ids: readonly string[], checkRules: boolean): Promise<PostImage[]> {
    return this.renders.findStored(ids, checkRules);
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
