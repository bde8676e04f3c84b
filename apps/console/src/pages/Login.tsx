import type { Me } from '@tandem/protocol';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { api, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { LangSwitch } from '../LangSwitch.tsx';

type Problem = { kind: 'missing' } | { kind: 'expired' } | { kind: 'error'; code: ClientErrorCode };

interface Values {
  email: string;
  password: string;
}

export function Login({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(expired ? { kind: 'expired' } : null);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  async function submit({ email = '', password = '' }: Partial<Values>) {
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
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item name="email" label={t('login.email')}>
            <Input
              type="email"
              autoComplete="username"
              size="large"
              aria-invalid={problem?.kind === 'missing'}
            />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          {message && (
            <Alert
              className="form-alert"
              role="alert"
              showIcon
              type={problem?.kind === 'expired' ? 'info' : 'error'}
              message={message}
            />
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </Button>
        </Form>
      </main>
      <p className="login-footer">Tandem · {t('login.footer')}</p>
    </div>
  );
}
