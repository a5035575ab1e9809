// Adopting the meeting's report: possible once the meeting is CLOSED; until then the page says what is missing
// (the server's blockers, if it refuses).
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { i18n } from '../../../i18n/i18n';
import { useAnnounce } from '../../../ui/Announcer';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import type { AdminMeeting } from './MeetingAdminPage';
import { MeetingAdminAdoptReport } from './operations';

export function Report({ meeting, refresh }: { meeting: AdminMeeting; refresh: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const heading = useRef<HTMLHeadingElement>(null);
  const [{ fetching, error }, adopt] = useMutation(MeetingAdminAdoptReport);

  async function submit() {
    if (fetching) return;
    const result = await adopt({ meetingId: meeting.id });
    if (result.data) {
      announce(i18n.t('meetingAdmin.report.adopted'));
      heading.current?.focus();
    }
    refresh();
  }

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading" ref={heading} tabIndex={-1}>
        {t('meetingAdmin.report.title')}
      </h2>
      {meeting.status === 'REPORT_ADOPTED' && <p className="success">{t('meetingAdmin.report.isAdopted')}</p>}
      {meeting.status === 'CLOSED' && (
        <>
          <p>{t('meetingAdmin.report.ready')}</p>
          <p className="actions">
            <button type="button" onClick={submit} aria-disabled={fetching}>
              {fetching ? t('meetingAdmin.saving') : t('meetingAdmin.report.adopt')}
            </button>
          </p>
        </>
      )}
      {meeting.status === 'SCHEDULED' && <p>{t('meetingAdmin.report.notOpened')}</p>}
      {meeting.status === 'IN_SESSION' && <p>{t('meetingAdmin.report.inSession', { count: meeting.tally.open })}</p>}
      <ErrorMessage error={error} />
    </section>
  );
}
