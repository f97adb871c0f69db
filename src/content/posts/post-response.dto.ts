import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageResponse } from '../../common/pagination';
import type { LocalizedText } from '../../common/app-error';
import { DIGNITY_CATEGORIES } from '../dignity';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../rendering/template';
import type { CaptionCheck } from '../captions/caption-rules';
import type { FindingView, PostChecks, PostProblem } from './post-checks';
import { POST_COMMENT_KINDS, type PostCommentKind, type PostVariables } from './post.entity';
import { POST_EVENTS, POST_STATUSES, type PostEvent, type PostStatus } from './post-status';

export class LocalizedTextView {
  id: string;
  en: string;
}

export class PostImageView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'Public, unguessable URL (Instagram and Facebook fetch it)' })
  url: string;
  width: number;
  height: number;
  altText: string;
}

export class PostVariantView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS })
  network: SocialNetwork;
  caption: string;
  @ApiProperty({ type: [PostImageView] })
  images: PostImageView[];
}

export class PostTargetView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  socialAccountId: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS })
  network: SocialNetwork;
  @ApiProperty({
    enum: ['pending', 'publishing', 'retry_waiting', 'published', 'failed', 'cancelled'],
  })
  status: string;
  plannedAt: string | null;
  publishedAt: string | null;
  permalink: string | null;
  lastErrorMessage: string | null;
}

export class PostPhotoView {
  position: number;
  @ApiProperty({ format: 'uuid' })
  mediaAssetId: string;
  thumbnailUrl: string;
}

export class PostCommentView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  authorId: string;
  @ApiProperty({ enum: POST_COMMENT_KINDS })
  kind: PostCommentKind;
  body: string;
  createdAt: string;
}

export class DignityOverrideView {
  @ApiProperty({ format: 'uuid' })
  id: string;
  source: string;
  @ApiProperty({ enum: DIGNITY_CATEGORIES })
  category: string;
  match: string;
  reason: string;
  @ApiProperty({ format: 'uuid' })
  overriddenBy: string;
  createdAt: string;
}

export class PostVariablesView {
  tagline?: string;
  cta?: string;
  oldPriceRupiah?: number;
  discountLabel?: string;
}

export class PostSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  institutionId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  productId: string | null;
  productName: string | null;
  title: string;
  @ApiProperty({ enum: POST_STATUSES })
  status: PostStatus;
  @ApiProperty({ nullable: true, description: 'Why the post is in its status (e.g. pulled back)' })
  statusReason: string | null;
  @ApiProperty({ enum: SOCIAL_NETWORKS, isArray: true })
  networks: SocialNetwork[];
  plannedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export class PostResponse extends PostSummaryResponse {
  imageTemplateId: string | null;
  captionTemplateId: string | null;
  hashtagGroupId: string | null;
  @ApiProperty({ type: PostVariablesView })
  variables: PostVariables;
  draftedBy: string;
  lastEditedBy: string;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  @ApiProperty({ type: [PostVariantView] })
  variants: PostVariantView[];
  @ApiProperty({ type: [PostTargetView] })
  targets: PostTargetView[];
  @ApiProperty({ type: [PostPhotoView] })
  photos: PostPhotoView[];
  @ApiProperty({ type: [PostCommentView] })
  comments: PostCommentView[];
  @ApiProperty({ type: [DignityOverrideView] })
  overrides: DignityOverrideView[];
  @ApiProperty({
    enum: POST_EVENTS,
    isArray: true,
    description: 'What the caller may do next (edit, submit, approve, …)',
  })
  allowedEvents: PostEvent[];
}

export class PostPage extends PageResponse(PostSummaryResponse) {}

export class PostProblemView {
  @ApiProperty({ enum: ['caption', 'dignity', 'image', 'clearance', 'product'] })
  kind: string;
  @ApiProperty({ description: 'caption:<network>, image:<text>, render:<id>, photo:<id>, …' })
  source: string;
  @ApiProperty({ enum: SOCIAL_NETWORKS, nullable: true })
  network: SocialNetwork | null;
  field: string;
  rule: string;
  span?: { start: number; end: number; match: string };
  over?: number;
  mediaAssetId?: string;
  @ApiProperty({ type: LocalizedTextView })
  reason: LocalizedText;
}

export class DignityFindingView {
  source: string;
  field: string;
  @ApiProperty({ enum: DIGNITY_CATEGORIES })
  category: string;
  @ApiProperty({ description: 'UTF-16 offset into the text' })
  start: number;
  @ApiProperty({ description: 'UTF-16 offset, exclusive' })
  end: number;
  match: string;
  @ApiProperty({ type: LocalizedTextView })
  reason: LocalizedText;
  @ApiProperty({ description: 'An approver overrode it with a written reason' })
  resolved: boolean;
}

export class PhotoClearanceView {
  @ApiProperty({ format: 'uuid' })
  mediaAssetId: string;
  position: number;
  usable: boolean;
  reason: string | null;
  @ApiPropertyOptional({ type: LocalizedTextView, nullable: true })
  message: LocalizedText | null;
}

export class PreviewVariantView {
  @ApiProperty({ enum: SOCIAL_NETWORKS })
  network: SocialNetwork;
  caption: string;
  @ApiProperty({ type: [PostImageView] })
  images: PostImageView[];
  @ApiProperty({ description: 'characters, weightedLength (X), hashtags, mentions, urls' })
  counters: CaptionCheck['counters'];
  @ApiProperty({ description: 'The network caption limits the counters are measured against' })
  limits: CaptionCheck['limits'];
  @ApiProperty({ type: [DignityFindingView] })
  findings: DignityFindingView[];
  @ApiProperty({ type: [PhotoClearanceView] })
  photos: PhotoClearanceView[];
  @ApiProperty({ type: [PostProblemView] })
  problems: PostProblemView[];
  canSubmit: boolean;
}

export class PostPreviewResponse {
  @ApiProperty({ type: [PreviewVariantView] })
  variants: PreviewVariantView[];
  @ApiProperty({
    type: [DignityFindingView],
    description: 'Findings in texts drawn into the image',
  })
  imageTextFindings: DignityFindingView[];
  @ApiProperty({ type: [PostProblemView], description: 'Everything that blocks submitting' })
  problems: PostProblemView[];
  canSubmit: boolean;
}

export function toFindingView(finding: FindingView): DignityFindingView {
  return {
    source: finding.source,
    field: finding.field,
    category: finding.category,
    start: finding.start,
    end: finding.end,
    match: finding.match,
    reason: finding.reason,
    resolved: finding.resolved,
  };
}

export function toProblemView(problem: PostProblem): PostProblemView {
  return { ...problem };
}

export function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** Keeps only the networks' shared check output the preview shows. */
export function previewOf(
  checks: PostChecks,
  images: PostImageView[],
  photos: (network: SocialNetwork) => PhotoClearanceView[],
): PostPreviewResponse {
  return {
    variants: checks.variants.map((variant) => ({
      network: variant.network,
      caption: variant.caption,
      images,
      counters: variant.captionCheck.counters,
      limits: variant.captionCheck.limits,
      findings: variant.findings.map(toFindingView),
      photos: photos(variant.network),
      problems: variant.problems.map(toProblemView),
      canSubmit: variant.canSubmit,
    })),
    imageTextFindings: checks.imageTextFindings.map(toFindingView),
    problems: checks.problems.map(toProblemView),
    canSubmit: checks.canSubmit,
  };
}
