import { type Me, passwordChangeBodySchema } from '@tandem/protocol';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { anything, errorCodeOf, request } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { LangSwitch } from '../LangSwitch.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** After an invitation or a reset, a person chooses their own password before they work. */
export function ChangePassword({
  me,
  onChanged,
  onSignOut,
}: {
  me: Me;
  onChanged: (me: Me) => void;
  onSignOut: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (values: Values) => {
    const body = passwordChangeBodySchema.safeParse({
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (!body.success) {
      setProblem(t('password.rules'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await request('POST', '/api/auth/password', anything, body.data);
      onChanged({ ...me, mustChangePassword: false });
    } catch (error) {
      const code = errorCodeOf(error);
      setProblem(
        t(code === 'invalid_credentials' ? 'password.wrongCurrent' : (`error.${code}` as MessageKey)),
      );
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <div className="login-lang">
        <LangSwitch />
      </div>
      <main className="login-card">
        <h1>{t('password.title')}</h1>
        <p className="login-subtitle">{t('password.subtitle', { name: me.name })}</p>
        <Form<Values> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('password.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.rules')}
            rules={[{ required: true, min: 10, max: 200, message: t('password.rules') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {problem && <Alert className="form-alert" role="alert" showIcon type="error" message={problem} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('password.submit')}
          </Button>
          <Button type="link" block onClick={onSignOut}>
            {t('header.logout')}
          </Button>
        </Form>
      </main>
    </div>
  );
}
