import type { ComponentProps, ReactNode } from "react";

const VARIANTS = {
  primary: "border border-slate-900 bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-400 bg-white text-slate-900 hover:bg-slate-100",
  danger: "border border-red-700 bg-white text-red-800 hover:bg-red-50",
} as const;
const SIZES = { sm: "px-2.5 py-1 text-xs", md: "px-3 py-1.5 text-sm", lg: "px-4 py-2 text-sm" } as const;

export type ButtonStyle = { variant?: keyof typeof VARIANTS; size?: keyof typeof SIZES };

/** The button look, also for links that act as buttons (page actions, exports). */
export const buttonClass = ({ variant = "secondary", size = "md" }: ButtonStyle = {}) =>
  `inline-flex items-center justify-center gap-1 rounded-md font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500 focus-visible:ring-offset-1 disabled:cursor-not-allowed disabled:opacity-50 ${VARIANTS[variant]} ${SIZES[size]}`;

/**
 * A button; `pending` disables it while its action runs (so a double click sends once) and may swap its
 * label, e.g. "Signing in…".
 */
export function Button({
  variant,
  size,
  pending = false,
  pendingLabel,
  type = "button",
  disabled,
  className = "",
  children,
  ...props
}: ComponentProps<"button"> & ButtonStyle & { pending?: boolean; pendingLabel?: ReactNode }) {
  return (
    <button
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={`${buttonClass({ variant, size })} ${className}`}
      {...props}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
