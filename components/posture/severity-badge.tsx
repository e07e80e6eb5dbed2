// A finding's severity as a word on a tone (the word carries it, never the colour alone).
const TONES: Record<string, string> = {
  critical: "bg-red-700 text-white",
  high: "bg-red-50 text-red-900 ring-1 ring-inset ring-red-400",
  medium: "bg-amber-100 text-amber-900",
  low: "bg-slate-100 text-slate-800",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span
      className={`inline-block w-16 rounded px-1.5 py-0.5 text-center text-xs font-medium ${TONES[severity] ?? TONES.low}`}
      data-severity={severity}
    >
      {severity}
    </span>
  );
}
