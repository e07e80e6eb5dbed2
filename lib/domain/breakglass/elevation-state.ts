// Whether an elevation is active is computed from the clock at the moment it is asked, to the millisecond,
// never from a job having run: the sweeper only records ends. Pure, so every read and write agrees.

export type ElevationTimes = {
  status: string;
  pendingUntil: Date;
  activeFrom: Date | null;
  expiresAt: Date | null;
};

/** The stored statuses; "ended" and "expired" are also what a read computes before the sweeper records them. */
export const REQUEST_STATUSES = ["pending", "approved", "denied", "expired", "cancelled", "dropped", "revoked", "ended"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Approved, started and not yet over: activeFrom <= now < expiresAt. */
export function isActive(request: ElevationTimes, now: Date): boolean {
  return (
    request.status === "approved" &&
    !!request.activeFrom &&
    !!request.expiresAt &&
    request.activeFrom.getTime() <= now.getTime() &&
    now.getTime() < request.expiresAt.getTime()
  );
}

/** Approved and not over yet (active now, or starting later): what an overlapping request collides with. */
export function isLiveGrant(request: ElevationTimes, now: Date): boolean {
  return request.status === "approved" && !!request.expiresAt && now.getTime() < request.expiresAt.getTime();
}

/** A pending request at or past pendingUntil is expired for every read and write, whether or not the sweeper ran. */
export function isPendingOpen(request: ElevationTimes, now: Date): boolean {
  return request.status === "pending" && now.getTime() < request.pendingUntil.getTime();
}

/** The status as of `now`: pending past pendingUntil reads as expired; approved past expiresAt reads as ended. */
export function effectiveStatus(request: ElevationTimes, now: Date): RequestStatus {
  if (request.status === "pending" && !isPendingOpen(request, now)) return "expired";
  if (request.status === "approved" && request.expiresAt && now.getTime() >= request.expiresAt.getTime()) return "ended";
  return request.status as RequestStatus;
}
