/**
 * A post's inputs in one normalised shape, whether they come from a create body, a preview body
 * or an edit merged onto the stored post; and how captions are chosen per network.
 *
 * Captions: an explicit caption for a network always wins. Otherwise a network gets the caption
 * template's text when it is new to the post or when the edit sent `captionTemplateId` or
 * `hashtagGroupId` (asking to re-fill); every other network keeps its stored caption, so an edit
 * of the photos never overwrites a hand-written caption. A network with neither gets an empty
 * caption, which the submit checks refuse.
 */
import { AppError } from '../../common/app-error';
import { type CaptionVariables, tryRenderCaptionTemplate } from '../captions/caption-template';
import type { SocialNetwork } from '../rendering/template';
import type { CreatePostDto, PostCaptionsDto, PostVariablesDto, UpdatePostDto } from './post.dto';
import type { Post, PostVariables } from './post.entity';

export interface PostInput {
  title: string;
  productId: string | null;
  mediaAssetIds: string[];
  imageTemplateId: string | null;
  captionTemplateId: string | null;
  hashtagGroupId: string | null;
  variables: PostVariables;
  socialAccountIds: string[];
  plannedAt: Date | null;
}

export interface CaptionPlan {
  explicit: Partial<Record<SocialNetwork, string>>;
  /** The stored captions of an existing post. */
  stored: Partial<Record<SocialNetwork, string>>;
  /** Re-fill every non-explicit caption from the template. */
  refill: boolean;
}

const lower = (id: string | null | undefined): string | null => (id ? id.toLowerCase() : null);

export function inputFromCreate(dto: CreatePostDto, now: Date): PostInput {
  return {
    title: dto.title ?? '',
    productId: lower(dto.productId),
    mediaAssetIds: (dto.mediaAssetIds ?? []).map((id) => id.toLowerCase()),
    imageTemplateId: lower(dto.imageTemplateId),
    captionTemplateId: lower(dto.captionTemplateId),
    hashtagGroupId: lower(dto.hashtagGroupId),
    variables: variablesOf(dto.variables),
    socialAccountIds: dto.socialAccountIds.map((id) => id.toLowerCase()),
    plannedAt: futureInstant(dto.plannedAt, now),
  };
}

/** The stored post with the edit's fields applied; undefined fields stay, null clears. */
export function inputFromEdit(
  post: Post,
  stored: { mediaAssetIds: string[]; socialAccountIds: string[] },
  dto: UpdatePostDto,
  now: Date,
): PostInput {
  const pick = <T>(sent: T | undefined, current: T): T => (sent === undefined ? current : sent);
  return {
    title: pick(dto.title, post.title),
    productId: dto.productId === undefined ? post.productId : lower(dto.productId),
    mediaAssetIds: (dto.mediaAssetIds ?? stored.mediaAssetIds).map((id) => id.toLowerCase()),
    imageTemplateId:
      dto.imageTemplateId === undefined ? post.imageTemplateId : lower(dto.imageTemplateId),
    captionTemplateId:
      dto.captionTemplateId === undefined ? post.captionTemplateId : lower(dto.captionTemplateId),
    hashtagGroupId:
      dto.hashtagGroupId === undefined ? post.hashtagGroupId : lower(dto.hashtagGroupId),
    variables: dto.variables === undefined ? post.variables : variablesOf(dto.variables),
    socialAccountIds: (dto.socialAccountIds ?? stored.socialAccountIds).map((id) =>
      id.toLowerCase(),
    ),
    plannedAt: dto.plannedAt === undefined ? post.plannedAt : futureInstant(dto.plannedAt, now),
  };
}

export function explicitCaptions(dto: PostCaptionsDto | undefined) {
  const captions: Partial<Record<SocialNetwork, string>> = {};
  if (dto?.instagram !== undefined) captions.instagram = dto.instagram;
  if (dto?.facebook !== undefined) captions.facebook = dto.facebook;
  if (dto?.x !== undefined) captions.x = dto.x;
  return captions;
}

/** A planned time must lie ahead: a 400 naming `field` otherwise. */
export function futureInstant(
  value: string | null | undefined,
  now: Date,
  field = 'plannedAt',
): Date | null {
  if (value === null || value === undefined) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    throw AppError.validation(field, {
      id: `'${field}' bukan waktu yang valid`,
      en: `'${field}' is not a valid time`,
    });
  }
  if (at.getTime() <= now.getTime()) {
    throw AppError.validation(field, {
      id: 'Waktu terbit harus di masa depan',
      en: 'The planned time must be in the future',
    });
  }
  return at;
}

/**
 * The caption of every network. `template` is the caption template's body (or null); its errors
 * (unknown variables, a product without a link for `{{product.link}}`) are a 400 on
 * captionTemplateId listing each one, so nothing half-filled is stored.
 */
export function chooseCaptions(
  networks: readonly SocialNetwork[],
  plan: CaptionPlan,
  template: string | null,
  values: CaptionVariables,
): Record<SocialNetwork, string> {
  let filled: string | undefined;
  const fromTemplate = (): string | undefined => {
    if (template === null) return undefined;
    if (filled === undefined) {
      const result = tryRenderCaptionTemplate(template, values);
      if (!result.ok) {
        throw AppError.validation('captionTemplateId', result.errors[0].message, {
          errors: result.errors,
        });
      }
      filled = result.text;
    }
    return filled;
  };
  const captions = {} as Record<SocialNetwork, string>;
  for (const network of networks) {
    const explicit = plan.explicit[network];
    const stored = plan.stored[network];
    captions[network] =
      explicit ?? (plan.refill || stored === undefined ? (fromTemplate() ?? stored ?? '') : stored);
  }
  return captions;
}

function variablesOf(dto: PostVariablesDto | undefined): PostVariables {
  const variables: PostVariables = {};
  if (dto?.tagline !== undefined) variables.tagline = dto.tagline;
  if (dto?.cta !== undefined) variables.cta = dto.cta;
  if (dto?.oldPriceRupiah !== undefined) variables.oldPriceRupiah = dto.oldPriceRupiah;
  if (dto?.discountLabel !== undefined) variables.discountLabel = dto.discountLabel;
  return variables;
}
