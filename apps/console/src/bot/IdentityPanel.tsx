import { useState } from 'react';
import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import { Notice } from '../admin/Notice.tsx';
import { api, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';

type State = { kind: 'hidden' } | { kind: 'shown'; secret: string } | { kind: 'adminOnly' };

/**
 * The workspace's identity-verification secret (admins only): hidden until asked for, copyable, and
 * rotatable after a warning that pages signed with the old one lose verification at once.
 */
export function IdentityPanel({ onSessionLost }: { onSessionLost: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'hidden' });
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; key: MessageKey } | null>(null);

  const run = async (action: () => Promise<string>, done?: MessageKey) => {
    setBusy(true);
    setNotice(null);
    try {
      setState({ kind: 'shown', secret: await action() });
      if (done) setNotice({ tone: 'info', key: done });
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') onSessionLost();
      if (code === 'forbidden') setState({ kind: 'adminOnly' });
      else setNotice({ tone: 'error', key: `error.${code}` });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const copy = async (secret: string) => {
    await navigator.clipboard?.writeText(secret).catch(() => undefined);
    setNotice({ tone: 'info', key: 'identity.copied' });
  };

  return (
    <section className="identity-panel" aria-labelledby="identity-title">
      <h2 id="identity-title">{t('identity.title')}</h2>
      <p className="muted">{t('identity.intro')}</p>
      <p className="muted identity-how">{t('identity.how')}</p>
      {notice && <Notice tone={notice.tone} text={t(notice.key)} onDismiss={() => setNotice(null)} />}
      {state.kind === 'adminOnly' ? (
        <p className="muted">{t('identity.adminOnly')}</p>
      ) : (
        <>
          {state.kind === 'shown' && <code className="identity-secret">{state.secret}</code>}
          <div className="identity-actions">
            {state.kind === 'shown' ? (
              <>
                <button
                  type="button"
                  className="button button-sm"
                  onClick={() => setState({ kind: 'hidden' })}
                >
                  {t('identity.hide')}
                </button>
                <button type="button" className="button button-sm" onClick={() => void copy(state.secret)}>
                  {t('identity.copy')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button-sm"
                disabled={busy}
                onClick={() => void run(() => api.identitySecret())}
              >
                {t('identity.show')}
              </button>
            )}
            <button
              type="button"
              className="button button-sm button-danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('identity.rotate')}
            </button>
          </div>
          {confirming && (
            <ConfirmBar
              message={t('identity.rotateConfirm')}
              confirmLabel={t('identity.rotate')}
              busy={busy}
              onConfirm={() => void run(() => api.rotateIdentitySecret(), 'identity.rotated')}
              onCancel={() => setConfirming(false)}
            />
          )}
        </>
      )}
    </section>
  );
}
