import type { Me } from '@tandem/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { api, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { LangSwitch } from '../LangSwitch.tsx';

type Problem = { kind: 'missing' } | { kind: 'expired' } | { kind: 'error'; code: ClientErrorCode };

export function Login({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(expired ? { kind: 'expired' } : null);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setProblem({ kind: 'missing' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onSignedIn(await api.login(email.trim(), password));
    } catch (error) {
      setProblem({ kind: 'error', code: errorCodeOf(error) });
      setBusy(false);
    }
  }

  const message =
    problem?.kind === 'missing'
      ? t('login.missing')
      : problem?.kind === 'expired'
        ? t('login.expired')
        : problem?.kind === 'error'
          ? t(problem.code === 'validation_failed' ? 'error.invalid_credentials' : `error.${problem.code}`)
          : null;

  return (
    <div className="login">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <main className="login-card">
        <div className="brand brand-lg">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <span className="brand-name">Tandem</span>
        </div>
        <h1>{t('login.title')}</h1>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        <form onSubmit={submit} noValidate>
          <label className="field">
            <span>{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={problem?.kind === 'missing' && !email.trim()}
            />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={problem?.kind === 'missing' && !password}
            />
          </label>
          {message && (
            <p
              className={`form-message ${problem?.kind === 'expired' ? 'is-info' : 'is-error'}`}
              role="alert"
            >
              {message}
            </p>
          )}
          <button type="submit" className="button button-primary button-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
      </main>
      <p className="login-footer">Tandem · {t('login.footer')}</p>
    </div>
  );
}
