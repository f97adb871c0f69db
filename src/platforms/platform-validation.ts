/**
 * The network rules an adapter checks before publishing: the caption rules of
 * content/captions, the number of images per post, alt text length and, when the bytes are at
 * hand, each image's format, size and shape (content/rendering's network rules). Sandbox adapters
 * use the same rules as the network they imitate, so training shows real refusals.
 */
import { validateCaption } from '../content/captions/caption-rules';
import { checkNetworkRules } from '../content/rendering/network-rules';
import type { SocialNetwork } from '../content/rendering/template';
import { PlatformError, type PlatformViolation, type PublishContent } from './platform-adapter';

/**
 * Instagram carousels and Facebook multi-photo posts take up to 10 images, X up to 4. Karya posts
 * always carry at least one image (product posts without a picture sell nothing).
 */
export const MAX_IMAGES: Readonly<Record<SocialNetwork, number>> = {
  instagram: 10,
  facebook: 10,
  x: 4,
};

/** Instagram's `alt_text` and X's media metadata both stop at 1,000 characters. */
export const MAX_ALT_TEXT = 1_000;

const NAMES: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

export function validateForNetwork(
  network: SocialNetwork,
  content: PublishContent,
): PlatformViolation[] {
  const name = NAMES[network];
  const violations: PlatformViolation[] = validateCaption(network, content.caption).violations.map(
    (v) => ({ rule: `caption.${v.rule}`, message: v.message }),
  );
  const count = content.images.length;
  if (count === 0) {
    violations.push({
      rule: 'images.min',
      message: {
        id: `${name}: unggahan memerlukan paling sedikit satu gambar`,
        en: `${name}: a post needs at least one image`,
      },
    });
  }
  if (count > MAX_IMAGES[network]) {
    violations.push({
      rule: 'images.max',
      message: {
        id: `${name}: paling banyak ${MAX_IMAGES[network]} gambar per unggahan, ada ${count}`,
        en: `${name}: at most ${MAX_IMAGES[network]} images per post, got ${count}`,
      },
    });
  }
  content.images.forEach((image, imageIndex) => {
    const length = [...image.altText].length;
    if (length > MAX_ALT_TEXT) {
      violations.push({
        rule: 'images.altText',
        imageIndex,
        message: {
          id: `${name}: teks alternatif gambar ${imageIndex + 1} terlalu panjang — ${length} karakter, paling banyak ${MAX_ALT_TEXT}`,
          en: `${name}: alt text of image ${imageIndex + 1} is too long — ${length} characters, at most ${MAX_ALT_TEXT}`,
        },
      });
    }
    if (image.bytes) {
      for (const v of checkNetworkRules({ buffer: image.bytes }, network)) {
        violations.push({ rule: `image.${v.rule}`, imageIndex, message: v.message });
      }
    }
  });
  return violations;
}

/** Publishing refuses content that breaks the network's rules before any call is made. */
export function rejectIfInvalid(network: SocialNetwork, violations: PlatformViolation[]): void {
  if (violations.length === 0) return;
  throw new PlatformError('rejected', {
    network,
    platformCode: `karya:${violations[0].rule}`,
    reason: {
      id: violations.map((v) => v.message.id).join('; '),
      en: violations.map((v) => v.message.en).join('; '),
    },
  });
}
