/** Time is injected wherever expiry or windows are decided, so tests control it. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (at: Date | string): Clock => ({ now: () => new Date(at) });
