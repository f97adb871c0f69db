/**
 * Each network's rules for a published image, checked on the rendered bytes after rendering.
 * Sizes are decimal megabytes (the stricter reading of "MB").
 *
 * - Instagram (Graph API content publishing): JPEG only, no MPO, sRGB, width 320–1440 px,
 *   aspect ratio 4:5 (0.8) to 1.91:1, at most 8 MB.
 * - Facebook Page photos: JPEG or PNG. Meta's pages give both 4 MB and larger limits for
 *   `/photos`; we hold the safer 4 MB. Facebook downscales large images itself, so dimensions are
 *   only bounded to 200–8192 px per side (smaller images look broken in the feed).
 * - X (API v2 media upload): JPEG or PNG images at most 5 MB; 4–8192 px per side.
 * Colour: every network displays untagged images as sRGB; we require sRGB everywhere so colours
 * do not shift between networks.
 */
import type { LocalizedText } from '../../common/app-error';
import { probeImage, ProbedFormat } from './image-probe';
import type { SocialNetwork } from './template';

export interface NetworkImageRules {
  formats: readonly Exclude<ProbedFormat, 'unknown'>[];
  maxBytes: number;
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  /** Width / height; undefined: any. */
  minAspect?: number;
  maxAspect?: number;
}

const MB = 1_000_000;

export const NETWORK_IMAGE_RULES: Record<SocialNetwork, NetworkImageRules> = {
  instagram: {
    formats: ['jpeg'],
    maxBytes: 8 * MB,
    minWidth: 320,
    maxWidth: 1440,
    // Implied by the width and aspect limits: 320 / 1.91 and 1440 / 0.8.
    minHeight: 168,
    maxHeight: 1800,
    minAspect: 0.8,
    maxAspect: 1.91,
  },
  facebook: {
    formats: ['jpeg', 'png'],
    maxBytes: 4 * MB,
    minWidth: 200,
    maxWidth: 8192,
    minHeight: 200,
    maxHeight: 8192,
  },
  x: {
    formats: ['jpeg', 'png'],
    maxBytes: 5 * MB,
    minWidth: 4,
    maxWidth: 8192,
    minHeight: 4,
    maxHeight: 8192,
  },
};

export type NetworkRule =
  'format' | 'multiPicture' | 'colourSpace' | 'bytes' | 'width' | 'height' | 'aspectRatio';

export interface NetworkRuleViolation {
  network: SocialNetwork;
  rule: NetworkRule;
  measured: string | number;
  limit: string;
  message: LocalizedText;
}

/** Every rule the image breaks for the network; empty when it may be published there. */
export function checkNetworkRules(
  output: { buffer: Buffer },
  network: SocialNetwork,
): NetworkRuleViolation[] {
  const rules = NETWORK_IMAGE_RULES[network];
  const probe = probeImage(output.buffer);
  const violations: NetworkRuleViolation[] = [];
  const fail = (rule: NetworkRule, measured: string | number, limit: string) =>
    violations.push({
      network,
      rule,
      measured,
      limit,
      message: {
        id: `${network}: ${rule} ${measured} melanggar batas ${limit}`,
        en: `${network}: ${rule} ${measured} breaks the limit ${limit}`,
      },
    });

  if (probe.format === 'unknown' || !(rules.formats as readonly string[]).includes(probe.format)) {
    fail('format', probe.format, rules.formats.join(' or '));
    return violations;
  }
  if (probe.multiPicture && network === 'instagram')
    fail('multiPicture', 'MPO', 'a single picture');
  if (probe.colourSpace !== 'srgb') fail('colourSpace', probe.colourSpace, 'srgb');
  const bytes = output.buffer.length;
  if (bytes > rules.maxBytes) fail('bytes', bytes, `≤ ${rules.maxBytes}`);
  const { width, height } = probe;
  if (width < rules.minWidth || width > rules.maxWidth)
    fail('width', width, `${rules.minWidth}–${rules.maxWidth}`);
  if (height < rules.minHeight || height > rules.maxHeight) {
    fail('height', height, `${rules.minHeight}–${rules.maxHeight}`);
  }
  const aspect = height > 0 ? width / height : 0;
  const { minAspect, maxAspect } = rules;
  if (
    (minAspect !== undefined && aspect < minAspect) ||
    (maxAspect !== undefined && aspect > maxAspect)
  ) {
    fail('aspectRatio', Number(aspect.toFixed(3)), `${minAspect ?? 0}–${maxAspect ?? '∞'}`);
  }
  return violations;
}
