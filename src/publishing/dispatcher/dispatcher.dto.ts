import type { SandboxPost } from './dispatcher.entity';
import type { AttemptRow } from './dispatcher.repository';

export function toSandboxPostResponse(p: SandboxPost) {
  return {
    id: p.id,
    sandbox: true as const,
    label: {
      id: 'Sandbox — tidak terbit di media sosial',
      en: 'Sandbox — not on any social network',
    },
    network: p.network,
    socialAccountId: p.socialAccountId,
    postTargetId: p.postTargetId,
    platformPostId: p.platformPostId,
    permalink: p.permalink,
    caption: p.caption,
    imageUrls: p.imageUrls,
    publishedAt: p.publishedAt.toISOString(),
    metrics: p.metrics,
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function toAttemptResponse(a: AttemptRow) {
  return {
    id: a.id,
    postTargetId: a.post_target_id,
    network: a.network,
    attemptNo: a.attempt_no,
    kind: a.kind,
    worker: a.worker,
    startedAt: iso(a.started_at),
    finishedAt: iso(a.finished_at),
    outcome: a.outcome,
    latenessMs: a.lateness_ms === null ? null : Number(a.lateness_ms),
    durationMs: a.duration_ms,
    platformResponse: a.platform_response,
    errorCode: a.error_code,
    errorMessage: a.error_message,
  };
}
