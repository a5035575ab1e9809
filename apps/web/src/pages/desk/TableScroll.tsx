// A wide table that scrolls inside its own box on a phone; focusable, so the keyboard can scroll it too.
import type { ReactNode } from 'react';

export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
