/** How the delivery job behaves; the defaults are documented in docs/webhooks.md, and the server may override them. */
export type DeliverySettings = {
  /** A receiver that has not answered (headers and the start of its body) in this time has failed the attempt. */
  timeoutMs: number;
  /** Attempts per delivery, the first included; after the last failed one the delivery is `failed`. */
  maxAttempts: number;
  /** The wait after the first failed attempt; each next wait is four times longer (30 s, 2 min, 8 min, 32 min, ...). */
  retryBaseMs: number;
  /** Failed attempts in a row (any delivery) after which the endpoint is disabled. */
  disableAfterFailures: number;
  /** Deliveries claimed per run, and how many are sent at once. */
  batchSize: number;
  concurrency: number;
  /** Finished deliveries (delivered, failed) older than this are removed from the log. */
  retentionDays: number;
};

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  timeoutMs: 10_000,
  maxAttempts: 6,
  retryBaseMs: 30_000,
  disableAfterFailures: 10,
  batchSize: 20,
  concurrency: 4,
  retentionDays: 30,
};

/** The longest wait between two attempts, whatever the base. */
const MAX_BACKOFF_MS = 6 * 3_600_000;

/** The wait after failed attempt number `attempt` (1-based): base × 4^(attempt − 1), at most six hours. */
export const backoffMs = (attempt: number, baseMs: number): number => Math.min(MAX_BACKOFF_MS, baseMs * 4 ** Math.max(0, attempt - 1));
