// The secretariat's page for one version of an instrument (/desk/instruments/:id/versions/:versionId; /draft opens
// the draft, else the latest version): its sections and guidelines with their translations, and for a DRAFT the
// Markdown import (previewed), edits in place and publishing; a revision of a published version; the word diff
// with another version.
import { useCallback, useId, useRef, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useQuery } from 'urql';
import { Link } from 'wouter';
import type { DraftPageInstrumentQuery } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Page } from '../../ui/Page';
import { Time } from '../../ui/Time';
import { CompareVersions } from './CompareVersions';
import { GuidelineItem } from './GuidelineItem';
import { ImportMarkdown } from './ImportMarkdown';
import { DraftingInstrument, DraftingVersion } from './operations';
import { PublishVersion, StartRevision } from './VersionActions';
import '../desk/desk.css';
import './drafting.css';

type Instrument = DraftPageInstrumentQuery['instrument'];

export default function VersionPage({ instrumentId, versionId }: { instrumentId: string; versionId?: string }) {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: DraftingInstrument, variables: { id: instrumentId }, requestPolicy: 'cache-and-network' });
  const refreshInstrument = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  const instrument = data?.instrument;
  const chosen = instrument && (versionId ? instrument.versions.find((v) => v.id === versionId) : currentVersion(instrument.versions));
  if (!instrument || !chosen) {
    return (
      <Page title={t('drafting.loadingTitle')} wide>
        {error || (instrument && !chosen) ? (
          <ErrorMessage error={error} title={error ? undefined : t('drafting.noVersion')}>
            <p>
              <Link href={`/desk/instruments/${instrumentId}`}>{t('drafting.backToInstrument')}</Link>
            </p>
          </ErrorMessage>
        ) : (
          <p>{fetching ? t('drafting.loading') : ''}</p>
        )}
      </Page>
    );
  }
  return <VersionView key={chosen.id} instrument={instrument} versionId={chosen.id} refreshInstrument={refreshInstrument} />;
}

/** The draft being written, else the latest version. */
function currentVersion(versions: Instrument['versions']) {
  return versions.find((v) => v.status === 'DRAFT') ?? [...versions].sort((a, b) => b.number - a.number)[0];
}

function VersionView({ instrument, versionId, refreshInstrument }: { instrument: Instrument; versionId: string; refreshInstrument(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [{ data, error, fetching }] = useQuery({ query: DraftingVersion, variables: { id: versionId }, requestPolicy: 'cache-and-network' });
  const contentHeading = useRef<HTMLHeadingElement>(null);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<'content' | 'status' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'content' ? contentHeading : focusNext.current === 'status' ? statusHeading : null;
    if (target?.current && !fetching) {
      target.current.focus();
      focusNext.current = null;
    }
  });
  const client = useClient();
  // Awaited (the CONFLICT of an edit shows the newer text once it is here); the page's query reads it from the cache.
  const refresh = useCallback(async () => {
    await client.query(DraftingVersion, { id: versionId }, { requestPolicy: 'network-only' }).toPromise();
  }, [client, versionId]);

  /** After an import the content is what changed; after publishing, the status. */
  const after = (focus: 'content' | 'status') => {
    focusNext.current = focus;
    void refresh();
    refreshInstrument();
  };
  const afterImport = () => after('content');
  const afterPublish = () => after('status');

  const version = data?.draftVersion;
  const listed = instrument.versions.find((v) => v.id === versionId)!;
  const name = instrument.title ? t('drafting.name', { reference: instrument.reference, title: instrument.title }) : instrument.reference;
  const title = t(listed.status === 'DRAFT' ? 'drafting.titleDraft' : 'drafting.titlePublished', { name, number: listed.number });
  const versions = [...instrument.versions].sort((a, b) => a.number - b.number);
  const draftExists = versions.some((v) => v.status === 'DRAFT');
  const latest = versions[versions.length - 1];
  const guidelines = version?.sections.reduce((n, s) => n + s.guidelines.length, 0) ?? 0;

  return (
    <Page title={title} wide>
      <p>
        <Link href={`/desk/instruments/${instrument.id}`}>{t('drafting.backToInstrument')}</Link>
      </p>
      <nav aria-label={t('drafting.versionsNav')}>
        <ul className="draft-versions">
          {versions.map((v) => (
            <li key={v.id}>
              <Link href={`/desk/instruments/${instrument.id}/versions/${v.id}`} aria-current={v.id === versionId ? 'page' : undefined}>
                {t(v.status === 'DRAFT' ? 'drafting.versionDraft' : 'drafting.versionPublished', { number: v.number })}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {error && <ErrorMessage error={error} />}
      {!version ? (
        <p>{fetching ? t('drafting.loading') : ''}</p>
      ) : (
        <>
          <section aria-labelledby={`${id}-status`}>
            <h2 id={`${id}-status`} ref={statusHeading} tabIndex={-1}>
              {t('drafting.versionStatus.title')}
            </h2>
            {version.status === 'DRAFT' ? (
              <p data-testid="version-status">{t('drafting.versionStatus.draft', { number: version.number })}</p>
            ) : (
              <p data-testid="version-status">
                {t('drafting.versionStatus.published', { number: version.number })} {version.publishedAt && <Time value={version.publishedAt} />}
              </p>
            )}
            {version.changeSummary && (
              <p>
                <strong>{t('drafting.versionStatus.changeSummary')}</strong> {version.changeSummary}
              </p>
            )}
            {!instrument.title && <p className="notice">{t('drafting.versionStatus.untitled')}</p>}
          </section>

          {version.status === 'DRAFT' && (
            <ImportMarkdown versionId={version.id} versionNumber={version.number} hasContent={guidelines > 0} onImported={afterImport} />
          )}

          <section aria-labelledby={`${id}-content`}>
            <h2 id={`${id}-content`} ref={contentHeading} tabIndex={-1}>
              {t('drafting.content.title', { number: version.number })}
            </h2>
            {guidelines === 0 ? (
              <p>{t('drafting.content.empty')}</p>
            ) : (
              <>
                <p>{t('drafting.content.counts', { sections: version.sections.length, count: guidelines })}</p>
                <ul className="draft-summary" aria-label={t('drafting.content.translationsSummary')}>
                  {version.translationSummary
                    .filter((s) => s.language !== version.originalLanguage)
                    .map((s) => (
                      <li key={s.language}>
                        {t('drafting.content.translationCounts', {
                          language: t(`drafting.language.${s.language}`),
                          current: s.current,
                          stale: s.stale,
                          missing: s.missing,
                        })}
                      </li>
                    ))}
                </ul>
              </>
            )}
            {version.sections.map((s) => (
              <section key={s.id} aria-labelledby={`${id}-s-${s.id}`} className="draft-section">
                <h3 id={`${id}-s-${s.id}`}>
                  {s.number}. {s.heading}
                </h3>
                {s.guidelines.map((g) => (
                  <GuidelineItem key={g.id} guideline={g} originalLanguage={version.originalLanguage} editable={version.status === 'DRAFT'} refresh={refresh} />
                ))}
              </section>
            ))}
          </section>

          {/* An empty version cannot be published (VERSION_EMPTY): its content's section says to import it first. */}
          {version.status === 'DRAFT' && guidelines > 0 && <PublishVersion versionId={version.id} number={version.number} onPublished={afterPublish} />}
          {!draftExists && latest.id === version.id && <StartRevision instrumentId={instrument.id} from={version.number} />}
          {versions.length > 1 && <CompareVersions versions={versions} current={listed} />}
        </>
      )}
    </Page>
  );
}
