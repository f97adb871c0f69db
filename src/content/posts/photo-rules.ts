/**
 * A post without an image template publishes its photos as they are stored. Their rows carry
 * format, size and dimensions, so the network's image rules can be checked without reading the
 * bytes; the library stores JPEG or PNG in sRGB, so the colour space needs no check here.
 */
import type { LocalizedText } from '../../common/app-error';
import { NETWORK_IMAGE_RULES } from '../rendering/network-rules';
import type { SocialNetwork } from '../rendering/template';

export interface StoredPhotoMeta {
  mimeType: string;
  width: number;
  height: number;
  byteSize: number;
}

export interface PhotoRuleViolation {
  rule: 'format' | 'bytes' | 'width' | 'height' | 'aspectRatio';
  message: LocalizedText;
}

const FORMATS: Record<string, 'jpeg' | 'png'> = { 'image/jpeg': 'jpeg', 'image/png': 'png' };

export function photoRuleViolations(
  photo: StoredPhotoMeta,
  network: SocialNetwork,
): PhotoRuleViolation[] {
  const rules = NETWORK_IMAGE_RULES[network];
  const violations: PhotoRuleViolation[] = [];
  const fail = (rule: PhotoRuleViolation['rule'], measured: string | number, limit: string) =>
    violations.push({
      rule,
      message: {
        id: `${network}: foto melanggar aturan ${rule} (${measured}; batas ${limit}); pakai templat gambar`,
        en: `${network}: the photo breaks the ${rule} rule (${measured}; limit ${limit}); use an image template`,
      },
    });
  const format = FORMATS[photo.mimeType];
  if (!format || !(rules.formats as readonly string[]).includes(format)) {
    fail('format', photo.mimeType, rules.formats.join(' or '));
  }
  if (photo.byteSize > rules.maxBytes) fail('bytes', photo.byteSize, `≤ ${rules.maxBytes}`);
  if (photo.width < rules.minWidth || photo.width > rules.maxWidth) {
    fail('width', photo.width, `${rules.minWidth}–${rules.maxWidth}`);
  }
  if (photo.height < rules.minHeight || photo.height > rules.maxHeight) {
    fail('height', photo.height, `${rules.minHeight}–${rules.maxHeight}`);
  }
  const aspect = photo.height > 0 ? photo.width / photo.height : 0;
  const { minAspect, maxAspect } = rules;
  if (
    (minAspect !== undefined && aspect < minAspect) ||
    (maxAspect !== undefined && aspect > maxAspect)
  ) {
    fail('aspectRatio', Number(aspect.toFixed(3)), `${minAspect ?? 0}–${maxAspect ?? '∞'}`);
  }
  return violations;
}
