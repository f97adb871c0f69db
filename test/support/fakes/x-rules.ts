/** The X fake's wording: v2 problem bodies, rate-limit headers, and how X displays post text. */
import { extractUrlsWithIndices } from 'twitter-text';
import type { Reply } from './fake-http';

const PROBLEM = 'https://api.twitter.com/2/problems';

export function rateHeaders(
  limit: number,
  remaining: number,
  reset: number,
): Record<string, string> {
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(reset),
  };
}

export function problem(status: number, title: string, detail: string, type?: string): Reply {
  return {
    status,
    body: { title, detail, type: type ? `${PROBLEM}/${type}` : 'about:blank', status },
  };
}

export function invalid(message: string, headers?: Record<string, string>): Reply {
  return {
    status: 400,
    headers,
    body: {
      errors: [{ message, parameters: {} }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEM}/invalid-request`,
    },
  };
}

export function notFoundError(id: string): Record<string, unknown> {
  return {
    value: id,
    detail: `Could not find tweet with id: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter: 'id',
    resource_id: id,
    type: `${PROBLEM}/resource-not-found`,
  };
}

export function fieldAuthorizationError(id: string, field: string): Record<string, unknown> {
  return {
    title: 'Field Authorization Error',
    detail: `Sorry, you are not authorized to access ${field} on a Tweet.`,
    type: `${PROBLEM}/not-authorized-for-field`,
    field,
    resource_id: id,
  };
}

/** What X shows: each link as a t.co link, a link to the media at the end, HTML entities. */
export function displayText(text: string, withMedia: boolean, id: string): string {
  let out = '';
  let at = 0;
  for (const url of extractUrlsWithIndices(text)) {
    out += text.slice(at, url.indices[0]) + `https://t.co/${shortCode(url.url)}`;
    at = url.indices[1];
  }
  out += text.slice(at);
  out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return withMedia ? `${out} https://t.co/m${id.slice(-9)}` : out;
}

function shortCode(url: string): string {
  let hash = 0;
  for (const ch of url) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash.toString(36).padStart(10, '0').slice(0, 10);
}
