import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Redirect, useLocation, useSearchParams } from 'wouter';
import { lastEmail, startSession } from '../auth/session';
import { useSession } from '../auth/use-session';
import { graphql } from '../gql';
import { adoptUserLanguage } from '../i18n/language-choice';
import { ErrorMessage } from '../ui/ErrorMessage';
import { describeError } from '../ui/errors';
import { Page } from '../ui/Page';

const Login = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresAt
      sessionExpiresAt
      user {
        id
        email
        displayName
        roles
        language
        organization {
          id
          name
          group
        }
      }
    }
  }
`);

/** Only paths of this app: never another site (an open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const next = safeNext(params.get('next'));
  const expired = params.get('expired') === '1';
  const [email, setEmail] = useState(() => (expired ? lastEmail() : ''));
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(Login);

  if (session) return <Redirect to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await login({ email: email.trim(), password });
    const payload = answer.data?.login;
    if (payload) {
      // The api shows users their own email; the one typed is the fallback the type system asks for.
      const { language, ...user } = payload.user;
      startSession(payload.accessToken, payload.expiresAt, payload.sessionExpiresAt, { ...user, email: user.email ?? email.trim() });
      adoptUserLanguage(language);
      navigate(next, { replace: true });
    }
  }

  const problem = result.error ? describeError(result.error) : null;
  return (
    <Page title={t('signin.title')}>
      {expired && (
        <p className="notice" data-testid="session-ended">
          {t('signin.ended')}
        </p>
      )}
      <form className="form form-narrow" onSubmit={submit} noValidate={false}>
        <div className="field">
          <label htmlFor="signin-email">{t('signin.email')}</label>
          <input id="signin-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t('signin.password')}</label>
          <input id="signin-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {problem && <ErrorMessage error={problem} title={problem.code === 'UNAUTHENTICATED' ? t('signin.wrong') : undefined} />}
        <button type="submit" disabled={result.fetching}>
          {result.fetching ? t('signin.signingIn') : t('signin.submit')}
        </button>
      </form>
    </Page>
  );
}
