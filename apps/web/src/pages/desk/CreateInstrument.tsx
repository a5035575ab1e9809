// A new instrument (DRAFTING, with an empty version 1) from the desk; its draft opens once it exists, to import.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useLocation } from 'wouter';
import { graphql } from '../../gql';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { describeError } from '../../ui/errors';

const DeskCreateInstrument = graphql(`
  mutation DeskCreateInstrument($input: CreateInstrumentInput!) {
    createInstrument(input: $input) {
      id
      reference
      title
      stage
    }
  }
`);

export function CreateInstrument() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [reference, setReference] = useState('');
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [result, create] = useMutation(DeskCreateInstrument);
  const problem = result.error ? describeError(result.error) : null;
  const fieldError = (name: string) => problem?.fields.find((f) => f.field === name || f.field.endsWith(`.${name}`))?.message ?? null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (result.fetching) return;
    const answer = await create({ input: { reference: reference.trim(), title: title.trim(), summary: summary.trim() || null } });
    const created = answer.data?.createInstrument;
    // Straight to its draft, to import or write it.
    if (created) navigate(`/desk/instruments/${created.id}/draft`);
  }

  const field = (name: 'reference' | 'title', label: string, value: string, set: (v: string) => void, hint: string, required = true) => {
    const error = fieldError(name);
    return (
      <div className="field">
        <label htmlFor={`new-instrument-${name}`}>{label}</label>
        <input
          id={`new-instrument-${name}`}
          required={required}
          value={value}
          onChange={(e) => set(e.target.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`new-instrument-${name}-hint${error ? ` new-instrument-${name}-error` : ''}`}
        />
        <p className="hint" id={`new-instrument-${name}-hint`}>
          {hint}
        </p>
        {error && (
          <p className="field-error" id={`new-instrument-${name}-error`}>
            {label} {error}
          </p>
        )}
      </div>
    );
  };

  const referenceField = field('reference', t('desk.create.reference'), reference, setReference, t('desk.create.referenceHint'));
  const titleField = field('title', t('desk.create.titleField'), title, setTitle, t('desk.create.titleHint'), false);
  return (
    <section aria-labelledby="new-instrument-heading">
      <h2 id="new-instrument-heading">{t('desk.create.title')}</h2>
      <form className="form form-narrow" onSubmit={submit}>
        {referenceField}
        {titleField}
        <div className="field">
          <label htmlFor="new-instrument-summary">{t('desk.create.summary')}</label>
          <textarea id="new-instrument-summary" value={summary} onChange={(e) => setSummary(e.target.value)} />
        </div>
        {problem && <ErrorMessage error={problem} />}
        <p className="actions">
          <button type="submit" aria-disabled={result.fetching}>
            {result.fetching ? t('desk.create.creating') : t('desk.create.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
