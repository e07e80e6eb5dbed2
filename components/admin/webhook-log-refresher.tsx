"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While deliveries are on their way (a test event just sent), refreshes the page every few seconds so the
 * log shows the outcome without a reload; stops after a minute, or as soon as nothing waits.
 */
export function WebhookLogRefresher({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 60_000) clearInterval(timer);
      else router.refresh();
    }, 3_000);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}
