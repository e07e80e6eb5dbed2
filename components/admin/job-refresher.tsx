"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While a run is on its way (a job running, or "Run now" pressed), refreshes the page every two seconds so
 * the outcome appears without a reload; stops after a minute, or as soon as nothing is under way.
 */
export function JobRefresher({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 60_000) clearInterval(timer);
      else router.refresh();
    }, 2_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
