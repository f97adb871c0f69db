import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContextValue {
  requestId: string;
}

/** Carries the request id to code that has no request (audit rows, logs from services). */
export const requestContext = new AsyncLocalStorage<RequestContextValue>();

export function currentRequestId(): string | null {
  return requestContext.getStore()?.requestId ?? null;
}
