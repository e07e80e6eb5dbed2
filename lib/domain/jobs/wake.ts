// A nudge for the scheduler: code that has just made work for a job (an outbox event written, a job set to
// run now) calls wakeScheduler() so the loop looks for due jobs at once instead of at its next tick. The
// loop (lib/server/scheduler.ts) registers itself here. Kept on globalThis: Next.js may load this module in
// more than one module graph (instrumentation, route bundles), and they must all reach the same loop.

type WakeState = { __nhiSchedulerWake?: () => void };
const state = globalThis as typeof globalThis & WakeState;

/** Asks the scheduler to look for due jobs now. Does nothing where no scheduler runs (tests, JOBS_ENABLED=false). */
export function wakeScheduler(): void {
  state.__nhiSchedulerWake?.();
}

/** For the loop: what wakeScheduler() calls (null to stop listening). */
export function setSchedulerWake(listener: (() => void) | null): void {
  state.__nhiSchedulerWake = listener ?? undefined;
}
