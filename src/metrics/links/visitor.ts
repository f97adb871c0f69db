import { createHash } from 'node:crypto';
import { isbot } from 'isbot';

export interface Visitor {
  method: string;
  ip: string;
  userAgent: string | undefined;
}

/**
 * Only a person following the link counts: GET (link-preview fetchers often send HEAD), with a
 * user agent (every browser sends one), that isbot does not recognise as a crawler or previewer.
 */
export function isCountable(visitor: Visitor): boolean {
  const agent = visitor.userAgent?.trim() ?? '';
  return visitor.method === 'GET' && agent !== '' && !isbot(agent);
}

/** sha256(daily salt + IP + user agent): tells the day's visitors apart without keeping the IP. */
export function visitorHash(salt: string, visitor: Visitor): string {
  return createHash('sha256')
    .update(`${salt}\n${visitor.ip}\n${visitor.userAgent ?? ''}`)
    .digest('hex');
}
