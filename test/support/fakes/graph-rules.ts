/**
 * The Graph fake's rules and error wording: how Instagram judges a fetched image and a caption,
 * and the documented error body `{error:{message,type,code,error_subcode,is_transient,fbtrace_id}}`.
 * Checked with sharp and twitter-text directly, not with Karya's own rule code, so a bug in
 * Karya's validation cannot hide itself here.
 */
import sharp from 'sharp';
import { extractHashtags, extractMentions } from 'twitter-text';
import { fetchImage, isJpeg, isPng, Reply } from './fake-http';

export interface GraphErrorSpec {
  code: number;
  subcode?: number;
  message?: string;
  status?: number;
  isTransient?: boolean;
  type?: string;
  headers?: Record<string, string>;
}

let trace = 0;

export function graphErrorReply(spec: GraphErrorSpec): Reply {
  return {
    status: spec.status ?? 400,
    headers: spec.headers,
    body: {
      error: {
        message: spec.message ?? `(#${spec.code}) Graph error`,
        type: spec.type ?? 'OAuthException',
        code: spec.code,
        ...(spec.subcode !== undefined ? { error_subcode: spec.subcode } : {}),
        is_transient: spec.isTransient ?? false,
        fbtrace_id: `AfakeTrace${++trace}`,
      },
    },
  };
}

/** A scripted failure answering with a Graph error body. */
export function graphError(spec: GraphErrorSpec): { reply: Reply; label: string } {
  return {
    reply: graphErrorReply(spec),
    label: `graph:${spec.code}${spec.subcode ? `/${spec.subcode}` : ''}`,
  };
}

/** The X-Business-Use-Case-Usage header Meta sends with throttling errors. */
export function businessUseCaseHeader(minutes: number, id = '17841400000000000'): string {
  return JSON.stringify({
    [id]: [
      {
        type: 'instagram',
        call_count: 100,
        total_cputime: 30,
        total_time: 40,
        estimated_time_to_regain_access: minutes,
      },
    ],
  });
}

export const notFound = (id: string): Reply =>
  graphErrorReply({
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });

export const invalidParameter = (message: string): Reply =>
  graphErrorReply({ code: 100, message: `(#100) ${message}` });

const MB = 1024 * 1024;

/** Instagram's image checks after fetching `image_url`; null when it is acceptable. */
export async function checkInstagramImage(url: string): Promise<Reply | null> {
  const fetched = await fetchImage(url);
  if (!fetched || fetched.status !== 200) {
    return graphErrorReply({
      code: 9004,
      subcode: 2207052,
      message: 'The media could not be fetched from this uri: ' + url,
    });
  }
  const bytes = fetched.bytes;
  if (bytes.length > 8 * MB) {
    return graphErrorReply({ code: 36000, subcode: 2207004, message: 'The image is too large' });
  }
  if (!isJpeg(bytes)) {
    return graphErrorReply({
      code: 36001,
      subcode: 2207005,
      message: 'The image format is not supported. Only JPEG is supported',
    });
  }
  const meta = await sharp(bytes).metadata();
  const width = meta.width ?? 0;
  const height = meta.height ?? 1;
  const ratio = width / height;
  if (ratio < 0.8 || ratio > 1.91) {
    return graphErrorReply({
      code: 36003,
      subcode: 2207009,
      message: `The submitted image with aspect ratio ${ratio.toFixed(3)} cannot be published`,
    });
  }
  if (width < 320 || width > 1440) {
    return graphErrorReply({
      code: 36003,
      subcode: 2207009,
      message: `The submitted image with width ${width}px cannot be published (320–1440)`,
    });
  }
  return null;
}

/** Facebook accepts JPEG or PNG photos up to 10 MB by URL. */
export async function checkFacebookImage(url: string): Promise<Reply | null> {
  const fetched = await fetchImage(url);
  const ok = fetched?.status === 200 && (isJpeg(fetched.bytes) || isPng(fetched.bytes));
  if (!ok || !fetched || fetched.bytes.length > 10 * MB) {
    return graphErrorReply({ code: 324, message: '(#324) Missing or invalid image file' });
  }
  return null;
}

export function checkInstagramCaption(caption: string): Reply | null {
  if ([...caption].length > 2200) {
    return graphErrorReply({
      code: 36004,
      subcode: 2207010,
      message: 'The caption is too long (max 2200 characters)',
    });
  }
  if (extractHashtags(caption).length > 30 || extractMentions(caption).length > 20) {
    return graphErrorReply({
      code: 100,
      subcode: 2207040,
      message: 'Cannot use more than 30 hashtags or 20 mentions',
    });
  }
  return null;
}

/**
 * Graph `fields` lists may carry modifiers: `reactions.summary(total_count).limit(0)`. Splits at
 * top-level commas and returns the base names.
 */
export function fieldNames(fields: string | undefined): string[] {
  if (!fields) return [];
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '(' || ch === '{') depth++;
    if (ch === ')' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names.map((n) => n.trim().split(/[.{]/)[0]).filter(Boolean);
}

/** Instagram's timestamp format: `2026-07-01T03:00:00+0000`. */
export function igTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Cursor paging over a newest-first list. */
export function page<T>(
  items: T[],
  query: Record<string, string>,
  defaultLimit = 25,
): { data: T[]; paging?: { cursors: { before: string; after: string }; next: string } } {
  const limit = Math.min(Number(query.limit ?? defaultLimit) || defaultLimit, 100);
  const offset = query.after ? Number(Buffer.from(query.after, 'base64url').toString()) : 0;
  const data = items.slice(offset, offset + limit);
  if (offset + limit >= items.length) return { data };
  const after = Buffer.from(String(offset + limit)).toString('base64url');
  return {
    data,
    paging: {
      cursors: { before: Buffer.from(String(offset)).toString('base64url'), after },
      next: `?limit=${limit}&after=${after}`,
    },
  };
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function insightRow(id: string, name: string, value: number): Record<string, unknown> {
  return {
    name,
    period: 'lifetime',
    values: [{ value }],
    title: name,
    id: `${id}/insights/${name}/lifetime`,
  };
}

/** The requested fields (and always the id), as Graph answers a `fields` list. */
export function pick(values: Record<string, unknown>, fields: string): Record<string, unknown> {
  const out: Record<string, unknown> = { id: values.id };
  for (const name of fieldNames(fields)) if (values[name] !== undefined) out[name] = values[name];
  return out;
}
