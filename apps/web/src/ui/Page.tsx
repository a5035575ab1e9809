import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let navigated = false;

/**
 * Every page's frame: sets the document title and renders the one <h1>. After a navigation inside the
 * app (not on first load), focus moves to the heading so screen readers announce the new page.
 */
export function Page({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const documentTitle = t('page.documentTitle', { title });
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  useEffect(() => {
    if (navigated) heading.current?.focus();
    navigated = true;
  }, []);
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
