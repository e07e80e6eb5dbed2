/**
 * The request id the audit log records: the one set by the proxy in front (so logs correlate) if it is a
 * plain token, otherwise a fresh one.
 */
export function requestIdFrom(incoming: string | null): string {
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
}
