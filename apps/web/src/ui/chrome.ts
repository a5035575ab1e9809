// What of the frame a page shows: a projector page hides the site header (account, areas, language switch) and
// keeps the skip link. A page asks with useHideSiteHeader(true); the header comes back when it unmounts.
import { useEffect, useSyncExternalStore } from 'react';

let hidden = 0;
const listeners = new Set<() => void>();

function set(delta: number): void {
  hidden += delta;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Hides the site header while `hide` is true and the calling page is shown. */
export function useHideSiteHeader(hide: boolean): void {
  useEffect(() => {
    if (!hide) return;
    set(1);
    return () => set(-1);
  }, [hide]);
}

/** Whether a page has asked for the header to be hidden (for Layout). */
export function useSiteHeaderHidden(): boolean {
  return useSyncExternalStore(subscribe, () => hidden > 0);
}

/** A second skip link a page offers after "Skip to main content" (the console: to its first position button). */
export interface SkipTarget {
  label: string;
  /** The id of the element to focus. */
  targetId: string;
}

let skipTarget: SkipTarget | null = null;

/** Offers `target` as a skip link while the calling page shows it (null: none). */
export function useSkipTarget(target: SkipTarget | null): void {
  const label = target?.label;
  const targetId = target?.targetId;
  useEffect(() => {
    if (!label || !targetId) return;
    const mine = { label, targetId };
    skipTarget = mine;
    set(0);
    return () => {
      if (skipTarget === mine) skipTarget = null;
      set(0);
    };
  }, [label, targetId]);
}

/** The page's extra skip link (for Layout). */
export function useSkipTargetShown(): SkipTarget | null {
  return useSyncExternalStore(subscribe, () => skipTarget);
}
