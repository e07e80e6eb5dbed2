"use client";

import { unstable_rethrow, useRouter } from "next/navigation";
import { startTransition, useActionState, useRef, type FormEvent } from "react";
import type { FieldErrors } from "@/lib/domain/shared/errors";
import type { ActionResult } from "./form-result";

export type ActionState<I, D> =
  | { status: "idle"; message: string | null }
  | { status: "success"; input: I; data: D; message: string | null }
  | { status: "error"; message: string; fieldErrors: FieldErrors };

export type ActionFormOptions<I, D> = {
  /** What to tell the person when it worked; null when the page itself shows the change. */
  success?: string | null | ((data: D, input: I) => string | null);
  /** Empties the submitted form, for forms that add one thing after another. */
  resetOnSuccess?: boolean;
  /** Runs after a success, before the page refreshes (e.g. to navigate). */
  onSuccess?: (data: D, input: I) => void;
  /** An error to show before anything ran (one that came in the URL). */
  initialError?: string | null;
};

const UNREACHABLE = "The request did not complete. Check your connection and try again.";

/** Reads a form field as the text the person typed ("" when absent); the server action validates it. */
export type FormText = (name: string) => string;

/**
 * The one way a client form runs a server action (React's useActionState): it keeps the outcome (the
 * message, and per-field errors for `Field`), exposes `pending`, and refreshes the page's server data on
 * success. Submitting goes through `onSubmit`, not the form's `action` prop, because React empties a form
 * after every action, which would wipe what the person typed when the server refuses it.
 */
export function useActionForm<I, D>(action: (input: I) => Promise<ActionResult<D>>, options: ActionFormOptions<I, D> = {}) {
  const router = useRouter();
  const submitted = useRef<HTMLFormElement | null>(null);
  const [state, dispatch, pending] = useActionState(
    async (_previous: ActionState<I, D>, input: I): Promise<ActionState<I, D>> => {
      let result: ActionResult<D>;
      try {
        result = await action(input);
      } catch (error) {
        unstable_rethrow(error); // a redirect (e.g. to sign in again) is Next.js's to handle
        return { status: "error", message: UNREACHABLE, fieldErrors: {} };
      }
      if (!result.ok) return { status: "error", message: result.message, fieldErrors: result.fieldErrors ?? {} };
      if (options.resetOnSuccess) submitted.current?.reset();
      options.onSuccess?.(result.data, input);
      router.refresh();
      const success = options.success ?? null;
      return {
        status: "success",
        input,
        data: result.data,
        message: typeof success === "function" ? success(result.data, input) : success,
      };
    },
    { status: "idle", message: options.initialError ?? null },
  );

  const run = (input: I) => startTransition(() => dispatch(input));
  /** A submit handler that turns the form's fields into the action's input. */
  const onSubmit = (toInput: (text: FormText, data: FormData) => I) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submitted.current = event.currentTarget;
    const data = new FormData(event.currentTarget);
    const text: FormText = (name) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    run(toInput(text, data));
  };

  return {
    state,
    pending,
    run,
    onSubmit,
    /** Per-field errors of the last attempt, for `Field`'s `error`. */
    errors: state.status === "error" ? state.fieldErrors : ({} as FieldErrors),
    /** The last outcome to show; hidden while a new attempt runs, so an old answer never looks like the new one. */
    message:
      pending || !state.message
        ? null
        : { tone: state.status === "success" ? ("success" as const) : ("error" as const), text: state.message },
  };
}
