import { Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/app-error';
import { InstitutionRepository } from '../../institutions/institution.repository';
import type { MediaAsset } from '../../media/media-asset.entity';
import { MediaQueryService } from '../../media/media-query.service';
import { SocialAccountService } from '../../publishing/accounts/social-account.service';
import type { CaptionVariables } from '../captions/caption-template';
import { CaptionTemplateService } from '../library/caption-template.service';
import { HashtagGroupService } from '../library/hashtag-group.service';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import type { PhotoForCheck, PostProblem } from './post-checks';
import type { PostInput } from './post-input';
import { PostRepository, ProductContext } from './post.repository';

const PRODUCT = { id: 'Produk', en: 'Product' };
const PHOTO = { id: 'Foto', en: 'Photo' };
const INSTITUTION = { id: 'Lembaga', en: 'Institution' };

/** Everything a post's captions, images and checks are made from, read once. */
export interface PostContext {
  institution: { id: string; name: string; slug: string; timeZone: string };
  accounts: { id: string; network: SocialNetwork }[];
  /** The target networks, in the canonical order. */
  networks: SocialNetwork[];
  product: ProductContext | null;
  /** In the post's order. */
  photos: MediaAsset[];
  clearance: PhotoForCheck[];
  /** Problems outside captions and images: an archived product. */
  problems: PostProblem[];
  captionTemplate: string | null;
  hashtags: string[] | undefined;
}

export interface LoadOptions {
  /** Photos that must be cleared now (newly chosen ones); others are only reported. */
  mustBeCleared: ReadonlySet<string>;
  /** A product that may be archived (the one already stored on the post); others may not. */
  storedProductId?: string | null;
}

/**
 * Reads a post's inputs for the institution and refuses what may never be stored: unknown or
 * foreign ids (404 on the field), an archived product newly chosen and photos not cleared for a
 * target network at the planned time (422 naming mediaAssetIds[i] and the reason). Reads run
 * outside any transaction (the clearance rule reads on its own connection).
 */
@Injectable()
export class PostContextLoader {
  constructor(
    private readonly posts: PostRepository,
    private readonly institutions: InstitutionRepository,
    private readonly accounts: SocialAccountService,
    private readonly media: MediaQueryService,
    private readonly captionTemplates: CaptionTemplateService,
    private readonly hashtagGroups: HashtagGroupService,
  ) {}

  async load(
    institutionId: string,
    input: PostInput,
    options: LoadOptions,
    now: Date,
  ): Promise<PostContext> {
    const institution = await this.institutions.findById(institutionId);
    if (!institution) throw AppError.notFound(INSTITUTION, 'institutionId');
    const accounts = (await this.accounts.requireUsable(institutionId, input.socialAccountIds)).map(
      (a) => ({ id: a.id, network: a.network }),
    );
    const networks = SOCIAL_NETWORKS.filter((n) => accounts.some((a) => a.network === n));
    const problems: PostProblem[] = [];
    const product = input.productId ? await this.product(institutionId, input, options) : null;
    if (product?.status === 'archived') problems.push(archivedProblem(product));
    const photos = await this.photos(institutionId, input.mediaAssetIds);
    const at = input.plannedAt && input.plannedAt > now ? input.plannedAt : now;
    const clearance = await this.clearance(institutionId, input.mediaAssetIds, networks, at);
    refuseUncleared(clearance, options.mustBeCleared);
    const captionTemplate = input.captionTemplateId
      ? (await this.captionTemplates.requireFor(institutionId, input.captionTemplateId)).body
      : null;
    const hashtags = input.hashtagGroupId
      ? (await this.hashtagGroups.requireFor(institutionId, input.hashtagGroupId)).tags
      : undefined;
    return {
      institution: {
        id: institution.id,
        name: institution.name,
        slug: institution.slug,
        timeZone: institution.timeZone,
      },
      accounts,
      networks,
      product,
      photos,
      clearance,
      problems,
      captionTemplate,
      hashtags,
    };
  }

  private async product(
    institutionId: string,
    input: PostInput,
    options: LoadOptions,
  ): Promise<ProductContext> {
    const product = await this.posts.productContext(institutionId, input.productId as string);
    if (!product) throw AppError.notFound(PRODUCT, 'productId');
    if (product.status === 'archived' && product.id !== options.storedProductId) {
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: 'Produk ini diarsipkan; pulihkan dulu atau pilih produk lain',
          en: 'This product is archived; restore it or choose another product',
        },
        'productId',
      );
    }
    return product;
  }

  private async photos(institutionId: string, ids: readonly string[]): Promise<MediaAsset[]> {
    const found = await this.posts.photos(institutionId, ids);
    const byId = new Map(found.map((photo) => [photo.id, photo]));
    return ids.map((id, i) => {
      const photo = byId.get(id);
      if (!photo) throw AppError.notFound(PHOTO, `mediaAssetIds[${i}]`);
      return photo;
    });
  }

  private async clearance(
    institutionId: string,
    ids: readonly string[],
    networks: readonly SocialNetwork[],
    at: Date,
  ): Promise<PhotoForCheck[]> {
    const photos: PhotoForCheck[] = ids.map((mediaAssetId, position) => ({
      mediaAssetId,
      position,
      clearance: {},
    }));
    if (ids.length === 0) return photos;
    for (const network of networks) {
      const assessed = await this.media.assessForChannel(institutionId, ids, network, at);
      for (const photo of photos) {
        const assessment = assessed.get(photo.mediaAssetId);
        if (assessment) photo.clearance[network] = assessment;
      }
    }
    return photos;
  }
}

/** The values `{{…}}` placeholders in caption templates are filled with. */
export function captionValues(context: PostContext, input: PostInput): CaptionVariables {
  const { product, institution } = context;
  return {
    product: product
      ? {
          name: product.name,
          priceRupiah: product.priceRupiah,
          sku: product.sku,
          description: product.description || null,
          link: product.link,
        }
      : undefined,
    workshop: product ? { name: product.workshopName } : undefined,
    institution: { name: institution.name, slug: institution.slug },
    hashtags: context.hashtags,
    cta: input.variables.cta ?? null,
    date: input.plannedAt ? { at: input.plannedAt, timeZone: institution.timeZone } : undefined,
  };
}

function refuseUncleared(photos: readonly PhotoForCheck[], mustBeCleared: ReadonlySet<string>) {
  for (const photo of photos) {
    if (!mustBeCleared.has(photo.mediaAssetId)) continue;
    for (const [network, assessment] of Object.entries(photo.clearance)) {
      if (assessment.usable) continue;
      throw new AppError(
        ErrorCode.UnprocessableEntity,
        {
          id: `Hanya foto yang sudah berizin yang dapat dipakai (${network}): ${assessment.message.id}`,
          en: `Cleared photos only (${network}): ${assessment.message.en}`,
        },
        `mediaAssetIds[${photo.position}]`,
        { mediaAssetId: photo.mediaAssetId, network, reason: assessment.reason },
      );
    }
  }
}

function archivedProblem(product: ProductContext): PostProblem {
  return {
    kind: 'product',
    source: `product:${product.id}`,
    network: null,
    field: 'productId',
    rule: 'product_archived',
    reason: {
      id: `Produk "${product.name}" diarsipkan; pulihkan produk atau pilih produk lain`,
      en: `Product "${product.name}" is archived; restore it or choose another product`,
    },
  };
}
