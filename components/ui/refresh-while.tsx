"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While something is under way on the server (a job running, deliveries waiting after a test event),
 * refreshes the page every `everyMs` so the outcome appears without a reload; stops after a minute, or as
 * soon as the page says nothing is under way any more.
 */
export function RefreshWhile({ active, everyMs = 2_000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 60_000) clearInterval(timer);
      else router.refresh();
    }, everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
