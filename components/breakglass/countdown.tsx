"use client";

import { useEffect, useState } from "react";

/** "1 h 04 min 09 s": what is left, to the second. */
export function formatLeft(ms: number): string {
  if (ms <= 0) return "0 s";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (d > 0) return `${d} d ${h} h ${pad(m)} min`;
  if (h > 0) return `${h} h ${pad(m)} min ${pad(sec)} s`;
  if (m > 0) return `${m} min ${pad(sec)} s`;
  return `${sec} s`;
}

/**
 * Time left until `until`, ticking every second. It counts from the server's clock at render (`serverNow`),
 * not the browser's, because the server decides when an elevation ends; the browser only adds what passed since.
 * Not a live region: a screen reader hearing every second would hear nothing else.
 */
export function Countdown({ until, serverNow, ended = "ended" }: { until: string; serverNow: string; ended?: string }) {
  const [left, setLeft] = useState(() => new Date(until).getTime() - new Date(serverNow).getTime());
  useEffect(() => {
    const mountedAt = Date.now();
    const start = new Date(until).getTime() - new Date(serverNow).getTime();
    const tick = () => setLeft(start - (Date.now() - mountedAt));
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [until, serverNow]);
  return (
    <time dateTime={until} title={`${until.replace("T", " ").slice(0, 19)} UTC`} className="tabular-nums" data-testid="countdown">
      {left > 0 ? formatLeft(left) : ended}
    </time>
  );
}
