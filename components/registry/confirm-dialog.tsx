"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";
import { Button } from "../ui/button";

/**
 * A confirmation asked before a change that matters: a native modal <dialog> (the browser keeps focus
 * inside it and closes it on Escape), announced as an alertdialog. Focus starts on Cancel, so a stray Enter
 * changes nothing, and returns to `returnFocus` (by default, what had focus) when it closes. Mounted only
 * while asking.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  returnFocus,
  children,
}: {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  returnFocus?: HTMLElement | null;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  // The latest handlers, read when the dialog closes (the effect below runs once per opening).
  const handlers = useRef({ onConfirm, onCancel, returnFocus });
  useEffect(() => {
    handlers.current = { onConfirm, onCancel, returnFocus };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = handlers.current.returnFocus ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    dialog.showModal();
    cancelRef.current?.focus();
    const onClose = () => {
      opener?.focus();
      if (dialog.returnValue === "confirm") handlers.current.onConfirm();
      else handlers.current.onCancel();
    };
    dialog.addEventListener("close", onClose);
    return () => dialog.removeEventListener("close", onClose);
  }, []);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="m-auto max-w-lg rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      {/* method="dialog" closes the dialog with the pressed button's value, without any request. */}
      <form method="dialog">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <div id={`${id}-body`} className="mt-2 flex flex-col gap-2 text-sm text-slate-700">
          {children}
        </div>
        <div className="mt-4 flex justify-end gap-2">
          <Button ref={cancelRef} type="submit" value="cancel">
            Cancel
          </Button>
          <Button type="submit" value="confirm" variant="danger">
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
