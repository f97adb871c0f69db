/**
 * The submit checks, assembled per variant from the pure rules: caption limits, the dignity
 * check on the caption and on every text drawn into the image, the images against the network's
 * rules, and the photos' clearance. Preview shows all of it; submit, approve and schedule refuse
 * while `problems` is not empty; edit uses it to decide between review and draft.
 *
 * - A dignity finding is resolved when an approver's override has the same source, category and
 *   match (case-insensitive): the same words elsewhere in another variant need their own.
 * - Captions longer than any network accepts are not run through the dignity check: they are
 *   refused anyway and the check's cost grows with the text.
 * - Instagram cannot publish without an image; X takes at most 4 per post, the others 10.
 */
import { AppError, ErrorCode, type LocalizedText } from '../../common/app-error';
import type { ClearanceAssessment } from '../../media/clearance';
import {
  CaptionCheck,
  countCodePoints,
  MAX_CAPTION_INPUT,
  validateCaption,
} from '../captions/caption-rules';
import type { DignityFinding } from '../dignity';
import type { SocialNetwork } from '../rendering/template';
import type { ContentChecks } from './post-status';

export const MAX_IMAGES: Readonly<Record<SocialNetwork, number>> = {
  instagram: 10,
  facebook: 10,
  x: 4,
};
const NEEDS_IMAGE: ReadonlySet<SocialNetwork> = new Set(['instagram']);

export type ProblemKind = 'caption' | 'dignity' | 'image' | 'clearance' | 'product';

/** One reason a post cannot be submitted; `field` names the request field to fix. */
export interface PostProblem {
  kind: ProblemKind;
  /** `caption:x`, `image:tagline`, `render:<id>`, `photo:<id>`, `product:<id>`, or `images`. */
  source: string;
  network: SocialNetwork | null;
  field: string;
  /** Caption or image rule, dignity category, or clearance reason. */
  rule: string;
  span?: { start: number; end: number; match: string };
  /** Caption and image-count rules: by how much the limit is passed. */
  over?: number;
  mediaAssetId?: string;
  reason: LocalizedText;
}

export interface FindingView extends DignityFinding {
  source: string;
  field: string;
  resolved: boolean;
}

/** An image as published on one network with the rules it breaks there. */
export interface ImageForCheck {
  /** `render:<id>` or `photo:<id>`. */
  source: string;
  violations: readonly { rule: string; message?: LocalizedText }[];
}

export interface VariantForCheck {
  network: SocialNetwork;
  caption: string;
  images: readonly ImageForCheck[];
}

/** A text drawn into the image, e.g. the tagline; `binding` names it in sources and fields. */
export interface ImageText {
  binding: string;
  field: string;
  text: string;
}

export interface PhotoForCheck {
  mediaAssetId: string;
  position: number;
  /** The clearance for each target network at the planned time (or now). */
  clearance: Partial<Record<SocialNetwork, ClearanceAssessment>>;
}

export interface ContentForCheck {
  variants: readonly VariantForCheck[];
  imageTexts: readonly ImageText[];
  photos: readonly PhotoForCheck[];
  /** Problems found elsewhere (an archived product); they block like the others. */
  problems?: readonly PostProblem[];
}

export interface OverrideKey {
  source: string;
  category: string;
  match: string;
}

export interface VariantChecks {
  network: SocialNetwork;
  caption: string;
  captionCheck: CaptionCheck;
  findings: FindingView[];
  problems: PostProblem[];
  canSubmit: boolean;
}

export interface PostChecks {
  variants: VariantChecks[];
  imageTextFindings: FindingView[];
  /** Every blocking problem: the post's own, variant by variant, then the image texts. */
  problems: PostProblem[];
  unresolvedFindings: number;
  canSubmit: boolean;
}

export type DignityCheck = (text: string) => DignityFinding[];

export function overrideKey(source: string, category: string, match: string): string {
  return `${source}\u0000${category}\u0000${match.toLowerCase()}`;
}

export function captionSource(network: SocialNetwork): string {
  return `caption:${network}`;
}

export function checkPostContent(
  content: ContentForCheck,
  dignity: DignityCheck,
  overrides: readonly OverrideKey[],
): PostChecks {
  const resolved = new Set(overrides.map((o) => overrideKey(o.source, o.category, o.match)));
  const findingsIn = (text: string, source: string, field: string): FindingView[] =>
    dignity(text).map((finding) => ({
      ...finding,
      source,
      field,
      resolved: resolved.has(overrideKey(source, finding.category, finding.match)),
    }));

  const variants = content.variants.map((variant): VariantChecks => {
    const source = captionSource(variant.network);
    const field = `captions.${variant.network}`;
    const captionCheck = validateCaption(variant.network, variant.caption);
    const findings =
      countCodePoints(variant.caption) > MAX_CAPTION_INPUT
        ? []
        : findingsIn(variant.caption, source, field);
    const rules: PostProblem[] = [
      ...captionCheck.violations.map((v): PostProblem => ({
        kind: 'caption',
        source,
        network: variant.network,
        field,
        rule: v.rule,
        over: v.over,
        reason: v.message,
      })),
      ...imageProblems(variant),
      ...photoProblems(variant.network, content.photos),
    ];
    const problems = [...rules, ...findings.filter((f) => !f.resolved).map(findingProblem)];
    return {
      network: variant.network,
      caption: variant.caption,
      captionCheck,
      findings,
      problems,
      canSubmit: problems.length === 0,
    };
  });

  const imageTextFindings = content.imageTexts.flatMap((t) =>
    findingsIn(t.text, `image:${t.binding}`, t.field),
  );
  const open = [...variants.flatMap((v) => v.findings), ...imageTextFindings].filter(
    (f) => !f.resolved,
  );
  const problems = [
    ...(content.problems ?? []),
    ...variants.flatMap((v) => v.problems),
    ...imageTextFindings.filter((f) => !f.resolved).map(findingProblem),
  ];
  return {
    variants,
    imageTextFindings,
    problems,
    unresolvedFindings: open.length,
    canSubmit: problems.length === 0,
  };
}

function findingProblem(finding: FindingView): PostProblem {
  const network = finding.source.startsWith('caption:')
    ? (finding.source.slice('caption:'.length) as SocialNetwork)
    : null;
  return {
    kind: 'dignity',
    source: finding.source,
    network,
    field: finding.field,
    rule: finding.category,
    span: { start: finding.start, end: finding.end, match: finding.match },
    reason: finding.reason,
  };
}

function imageProblems(variant: VariantForCheck): PostProblem[] {
  const { network, images } = variant;
  const problems: PostProblem[] = [];
  const base = { kind: 'image' as const, network };
  if (images.length === 0 && NEEDS_IMAGE.has(network)) {
    problems.push({
      ...base,
      source: 'images',
      field: 'mediaAssetIds',
      rule: 'image_required',
      reason: {
        id: `${NETWORK_NAMES[network]}: postingan perlu minimal satu gambar`,
        en: `${NETWORK_NAMES[network]}: a post needs at least one image`,
      },
    });
  }
  const max = MAX_IMAGES[network];
  if (images.length > max) {
    const over = images.length - max;
    problems.push({
      ...base,
      source: 'images',
      field: 'mediaAssetIds',
      rule: 'max_images',
      over,
      reason: {
        id: `${NETWORK_NAMES[network]}: gambar terlalu banyak — ${images.length}, paling banyak ${max} (lebih ${over})`,
        en: `${NETWORK_NAMES[network]}: too many images — ${images.length}, at most ${max} (${over} over)`,
      },
    });
  }
  images.forEach((image, index) => {
    for (const violation of image.violations) {
      problems.push({
        ...base,
        source: image.source,
        field: image.source.startsWith('photo:') ? `mediaAssetIds[${index}]` : 'imageTemplateId',
        rule: violation.rule,
        reason: violation.message ?? {
          id: `${NETWORK_NAMES[network]}: gambar ${index + 1} melanggar aturan ${violation.rule}`,
          en: `${NETWORK_NAMES[network]}: image ${index + 1} breaks the ${violation.rule} rule`,
        },
      });
    }
  });
  return problems;
}

function photoProblems(network: SocialNetwork, photos: readonly PhotoForCheck[]): PostProblem[] {
  return photos.flatMap((photo): PostProblem[] => {
    const assessment = photo.clearance[network];
    if (!assessment || assessment.usable) return [];
    return [
      {
        kind: 'clearance',
        source: `photo:${photo.mediaAssetId}`,
        network,
        field: `mediaAssetIds[${photo.position}]`,
        rule: assessment.reason,
        mediaAssetId: photo.mediaAssetId,
        reason: {
          id: `${NETWORK_NAMES[network]}: ${assessment.message.id}`,
          en: `${NETWORK_NAMES[network]}: ${assessment.message.en}`,
        },
      },
    ];
  });
}

const NETWORK_NAMES: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

/** The state machine's view: dignity findings, and every other problem as an invalid variant. */
export function contentChecks(checks: PostChecks): ContentChecks {
  return {
    unresolvedFindings: checks.unresolvedFindings,
    invalidCaptions: checks.problems.length - checks.unresolvedFindings,
  };
}

/** A 422 listing every problem (details.problems), naming the first one's field. */
export function problemsError(action: LocalizedText, checks: PostChecks): AppError {
  const [first] = checks.problems;
  const count = checks.problems.length;
  return new AppError(
    ErrorCode.UnprocessableEntity,
    {
      id: `Postingan belum dapat ${action.id}: ${count} masalah. ${first.reason.id}`,
      en: `The post cannot be ${action.en} yet: ${count} problem(s). ${first.reason.en}`,
    },
    first.field,
    { problems: checks.problems },
  );
}
