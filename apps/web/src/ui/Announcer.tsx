// A polite live region for what changed without the user asking ("Comment saved", "Board updated"):
// screen readers read it when they are idle. Errors use <ErrorMessage>, which is role="alert".
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;

const AnnouncerContext = createContext<Announce>(() => undefined);

export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const announce = useCallback<Announce>((text) => {
    // Cleared first, so the same words twice are read twice.
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 100);
  }, []);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
        {message}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** `announce("Comment saved")`: read out politely by screen readers. */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
