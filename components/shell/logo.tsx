/** The console's mark and name; the mark is public/logo.svg, also the browser tab's icon. */
export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`flex items-center gap-2 text-lg font-semibold tracking-tight ${className}`}>
      <img src="/logo.svg" alt="" width={28} height={28} />
      NHI Console
    </span>
  );
}
