"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import type { ActionResult } from "../ui/form-result";

/** Runs a server action from a small form and keeps its outcome (message and per-field errors) for display. */
export function useActionForm() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  function run(action: () => Promise<ActionResult>, success: string, after?: () => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setErrors({});
        setMessage({ tone: "success", text: success });
        after?.();
        router.refresh();
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.message });
      }
    });
  }
  return { pending, message, errors, run };
}
