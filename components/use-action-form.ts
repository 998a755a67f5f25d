"use client";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent, type RefObject } from "react";
import type { ActionResult } from "@/lib/actions/run";
import { newFormKey } from "@/components/form-feedback";

type Action<T> = (previous: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

/**
 * State for a form posting to a server action:
 *  - the fields keep what was typed when the server refuses it (React would otherwise reset a
 *    form whose `action` is a function); the form is cleared only after a success;
 *  - a second submit while one is in flight is dropped (a double click), and the button is
 *    disabled while pending;
 *  - `key` goes into a hidden idempotency-key input: a retry sends the same key (the server
 *    records one row and returns the first result); a success brings a new key.
 */
export function useActionForm<T>(action: Action<T>) {
  const [state, dispatch, isPending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  const [key, setKey] = useState(newFormKey);
  const formRef = useRef<HTMLFormElement>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    if (!isPending) inFlight.current = false;
  }, [isPending]);
  // A new result: a success brings a new key (set while rendering, React's way to adjust
  // state to a changed value) and clears the form (a DOM effect).
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state?.ok) setKey(newFormKey());
  }
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  useFocusOnResult(formRef, state);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  return { state, onSubmit, isPending, key, formRef };
}

/**
 * After an answer, focus goes where the person must look: the first field marked invalid, else
 * the form's message (FormError or FormSuccess, marked `data-focus-on-result`). Without this a
 * screen-reader or keyboard user is left on the submit button, unaware of what changed.
 */
export function useFocusOnResult(container: RefObject<HTMLElement | null>, state: unknown, extraTrigger?: unknown) {
  useEffect(() => {
    if (!state && !extraTrigger) return;
    const root = container.current;
    if (!root) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])') ?? root.querySelector<HTMLElement>("[data-focus-on-result]");
    target?.focus();
  }, [container, state, extraTrigger]);
}
