import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type Problem } from './errors';

interface Props {
  /** A failed operation's error (urql's result.error), or a Problem already described. */
  error: unknown;
  /** Replaces the standard sentence (e.g. the sign-in page's "wrong email or password"). */
  title?: string;
  /** A next step of the page's own, under the message. */
  children?: ReactNode;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'title' in value && 'blockers' in value;
}

/** An error in plain words, announced at once (role="alert"): fields, blockers and details listed. */
export function ErrorMessage({ error, title, children }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = isProblem(error) ? error : describeError(error);
  return (
    <div className="error" role="alert" data-code={problem.code}>
      <p className="error-title">{title ?? problem.title}</p>
      {problem.fields.length > 0 && (
        <ul>
          {problem.fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {problem.blockers.length > 0 && (
        <>
          <p>{t('errors.missing')}</p>
          <ul>
            {problem.blockers.map((b) => (
              <li key={b.code}>{b.message}</li>
            ))}
          </ul>
        </>
      )}
      {problem.detail && problem.fields.length === 0 && problem.blockers.length === 0 && <p className="error-detail">{problem.detail}</p>}
      {children}
    </div>
  );
}
