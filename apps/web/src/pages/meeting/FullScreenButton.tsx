// Full screen for the room's projector (the Fullscreen API); not shown where the browser has none.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function FullScreenButton() {
  const { t } = useTranslation();
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const update = () => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  if (!document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="button-quiet"
      aria-pressed={on}
      onClick={() => {
        // Refused (no user gesture, a policy): the page stays as it is.
        const request = on ? document.exitFullscreen() : document.documentElement.requestFullscreen();
        void request.catch(() => undefined);
      }}
    >
      {t('projector.fullScreen')}
    </button>
  );
}
