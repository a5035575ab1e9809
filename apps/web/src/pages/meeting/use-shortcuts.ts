// The console's keyboard shortcuts: g, e or w picks a group, then 1 to 4 records a position for it.
// Keys typed into a field (a statement, a vote count) are text, never shortcuts.
import { useEffect, useRef, useState } from 'react';
import type { ConstituentGroup, Position } from '../../gql/graphql';
import { GROUP_KEYS, POSITION_ORDER } from './labels';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Buttons, checkboxes and radios take no text.
  return target instanceof HTMLInputElement && !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(target.type);
}

export interface Shortcuts {
  /** The group picked with g, e or w, waiting for 1 to 4. */
  armed: ConstituentGroup | null;
  disarm(): void;
}

/** `enabled` false: keys do nothing (no item under discussion, or a record on its way). */
export function usePositionShortcuts(enabled: boolean, record: (group: ConstituentGroup, position: Position) => void): Shortcuts {
  const [armed, setArmed] = useState<ConstituentGroup | null>(null);
  const state = useRef({ armed, enabled, record });
  useEffect(() => {
    state.current = { armed, enabled, record };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      const { armed: group, enabled: on, record: act } = state.current;
      if (key === 'escape' && group) {
        setArmed(null);
        return;
      }
      if (!on) return;
      if (Object.hasOwn(GROUP_KEYS, key)) {
        event.preventDefault();
        setArmed(GROUP_KEYS[key]);
        return;
      }
      const n = Number(key);
      if (group && Number.isInteger(n) && n >= 1 && n <= POSITION_ORDER.length) {
        event.preventDefault();
        setArmed(null);
        act(group, POSITION_ORDER[n - 1]);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return { armed, disarm: () => setArmed(null) };
}

const SETTING_KEY = 'tripartite.shortcuts';
const settingListeners = new Set<() => void>();

function readSetting(): boolean {
  try {
    return localStorage.getItem(SETTING_KEY) !== 'off';
  } catch {
    return true;
  }
}

/**
 * Whether the single-key shortcuts are on (WCAG 2.1.4: they can be turned off). Kept in this browser
 * (localStorage: a preference, nothing personal), on by default.
 */
export function useShortcutSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(readSetting);
  useEffect(() => {
    const update = () => setOn(readSetting());
    settingListeners.add(update);
    window.addEventListener('storage', update);
    return () => {
      settingListeners.delete(update);
      window.removeEventListener('storage', update);
    };
  }, []);
  const change = (next: boolean) => {
    try {
      if (next) localStorage.removeItem(SETTING_KEY);
      else localStorage.setItem(SETTING_KEY, 'off');
    } catch {
      // storage refused: the choice holds for this page only
    }
    setOn(next);
    for (const listener of settingListeners) listener();
  };
  return [on, change];
}
