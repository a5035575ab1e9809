// A draft from Markdown, pasted or from a .md file: previewed first (the sections and guidelines as they will be
// saved, every problem with its line and how to fix it, each a button that selects the line in the editor), then
// saved in one import. What is typed is kept (useDraft) until the import succeeds.
import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, type CombinedError } from 'urql';
import type { DraftPagePreviewQuery } from '../../gql/graphql';
import { useAnnounce } from '../../ui/Announcer';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useDraft } from '../../ui/use-draft';
import { DraftingImport, DraftingPreview } from './operations';
import { lineRange, problemSentence, type DocumentProblem } from './problems';

type Preview = DraftPagePreviewQuery['previewDraftMarkdown'];

/** The largest document the api takes (TEXT_MAX.document). */
const MAX_CHARACTERS = 1_000_000;

interface Props {
  versionId: string;
  versionNumber: number;
  /** The version has content already: an import replaces it. */
  hasContent: boolean;
  onImported(): void;
}

export function ImportMarkdown({ versionId, versionNumber, hasContent, onImported }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const client = useClient();
  const announce = useAnnounce();
  const [markdown, setMarkdown, clearMarkdown] = useDraft<string>(`import:${versionId}`, '');
  const [preview, setPreview] = useState<{ markdown: string; result: Preview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [imported, runImport] = useMutation(DraftingImport);
  const editor = useRef<HTMLTextAreaElement>(null);
  const summary = useRef<HTMLParagraphElement>(null);
  const focusSummary = useRef(false);

  useEffect(() => {
    if (focusSummary.current) summary.current?.focus();
    focusSummary.current = false;
  });

  const current = preview && preview.markdown === markdown ? preview.result : null;
  const guidelineCount = (p: Preview) => p.sections.reduce((n, s) => n + s.guidelines.length, 0);

  async function runPreview(event?: FormEvent) {
    event?.preventDefault();
    if (previewing) return;
    setError(null);
    if (!markdown.trim()) {
      setFileProblem(t('drafting.import.empty'));
      editor.current?.focus();
      return;
    }
    setFileProblem(null);
    setPreviewing(true);
    try {
      const answer = await client.query(DraftingPreview, { versionId, markdown }, { requestPolicy: 'network-only' }).toPromise();
      const result = answer.data?.previewDraftMarkdown;
      if (!result) {
        setError(answer.error ?? null);
        return;
      }
      setPreview({ markdown, result });
      focusSummary.current = true;
      announce(
        result.ok
          ? t('drafting.import.readyAnnounce', { sections: result.sections.length, count: guidelineCount(result) })
          : t('drafting.import.problemsAnnounce', { count: result.problems.length }),
      );
    } finally {
      setPreviewing(false);
    }
  }

  async function save() {
    if (!current?.ok || imported.fetching) return;
    const answer = await runImport({ versionId, markdown });
    if (answer.error) {
      setError(answer.error);
      return;
    }
    announce(t('drafting.import.savedAnnounce', { sections: current.sections.length, count: guidelineCount(current) }));
    setPreview(null);
    clearMarkdown();
    onImported();
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_CHARACTERS * 4) {
      setFileProblem(t('drafting.import.fileTooLarge', { name: file.name }));
      return;
    }
    const text = await file.text();
    if (text.length > MAX_CHARACTERS) {
      setFileProblem(t('drafting.import.fileTooLarge', { name: file.name }));
      return;
    }
    setFileProblem(null);
    setMarkdown(text);
    setPreview(null);
    announce(t('drafting.import.fileRead', { name: file.name }));
    editor.current?.focus();
  }

  function goToLine(line: number) {
    const area = editor.current;
    if (!area) return;
    const [start, end] = lineRange(area.value, line);
    area.focus();
    area.setSelectionRange(start, end);
  }

  const form = (
    <form className="form" onSubmit={runPreview} noValidate>
      <div className="field">
        <label htmlFor={`${id}-markdown`}>{t('drafting.import.markdown')}</label>
        <textarea
          id={`${id}-markdown`}
          ref={editor}
          className="draft-markdown"
          value={markdown}
          spellCheck={false}
          aria-describedby={`${id}-format`}
          aria-invalid={current && !current.ok ? 'true' : undefined}
          onChange={(e) => setMarkdown(e.target.value)}
        />
        <details id={`${id}-format`} className="hint">
          <summary>{t('drafting.import.formatSummary')}</summary>
          <ul>
            <li>{t('drafting.import.formatTitle')}</li>
            <li>{t('drafting.import.formatSection')}</li>
            <li>{t('drafting.import.formatGuideline')}</li>
            <li>{t('drafting.import.formatBold')}</li>
            <li>{t('drafting.import.formatSub')}</li>
            <li>{t('drafting.import.formatRest')}</li>
          </ul>
        </details>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('drafting.import.file')}</label>
        <input id={`${id}-file`} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => void readFile(e)} />
      </div>
      {fileProblem && (
        <p className="field-error" role="alert">
          {fileProblem}
        </p>
      )}
      <p className="actions">
        <button type="submit" aria-disabled={previewing}>
          {previewing ? t('drafting.import.previewing') : t('drafting.import.preview')}
        </button>
      </p>
    </form>
  );

  const problemItem = (p: DocumentProblem, i: number) => (
    <li key={`${p.line}-${i}`}>
      <button type="button" className="button-quiet draft-line" onClick={() => goToLine(p.line)}>
        {t('drafting.import.line', { line: p.line })}
        <span className="visually-hidden">{t('drafting.import.goToLine')}</span>
      </button>{' '}
      <span className="draft-problem-text">{problemSentence(t, p)}</span>
    </li>
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="draft-import">
      <h2 id={`${id}-heading`}>{t('drafting.import.title')}</h2>
      <p className="hint">{t('drafting.import.intro')}</p>
      {hasContent ? (
        // A version with content: the editor folds away until wanted (open while a draft is kept).
        <details className="draft-import-more" open={markdown !== '' || preview !== null}>
          <summary>{t('drafting.import.replaceSummary', { number: versionNumber })}</summary>
          {form}
        </details>
      ) : (
        form
      )}

      {preview && (
        <section aria-labelledby={`${id}-preview`} className="draft-preview">
          <h3 id={`${id}-preview`}>{t('drafting.import.previewTitle')}</h3>
          {!current && <p className="notice">{t('drafting.import.changedSince')}</p>}
          <p ref={summary} tabIndex={-1} className={preview.result.ok ? 'success' : 'error'} data-testid="preview-summary">
            {preview.result.ok
              ? t('drafting.import.ready', { sections: preview.result.sections.length, count: guidelineCount(preview.result) })
              : t('drafting.import.problems', { count: preview.result.problems.length })}
          </p>
          {preview.result.problems.length > 0 && (
            <ul className="draft-problems" aria-label={t('drafting.import.problemsList')}>
              {preview.result.problems.map(problemItem)}
            </ul>
          )}
          {preview.result.warnings.length > 0 && (
            <div className="notice">
              <p>{t('drafting.import.warnings')}</p>
              <ul aria-label={t('drafting.import.warningsList')}>{preview.result.warnings.map(problemItem)}</ul>
            </div>
          )}
          {preview.result.title && <p>{t('drafting.import.documentTitle', { title: preview.result.title })}</p>}
          <ol className="draft-outline" aria-label={t('drafting.import.outline')}>
            {preview.result.sections.map((s) => (
              <li key={`${s.line}`}>
                <p className="draft-outline-section">
                  {s.number}. {s.heading}
                </p>
                <ul>
                  {s.guidelines.map((g) => (
                    <li key={g.key + g.line}>
                      <strong>{g.number}</strong> {g.title && <em>{g.title}. </em>}
                      <span className="draft-outline-text">{g.text}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {current?.ok && (
            <>
              {hasContent && <p className="notice">{t('drafting.import.replaces', { number: versionNumber })}</p>}
              <p className="actions">
                <button type="button" onClick={() => void save()} aria-disabled={imported.fetching}>
                  {imported.fetching ? t('drafting.import.saving') : t('drafting.import.save')}
                </button>
              </p>
            </>
          )}
        </section>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
