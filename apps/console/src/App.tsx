import type { Me } from '@tandem/protocol';
import { useCallback, useEffect, useState } from 'react';
import { api, errorCodeOf } from './api.ts';
import { useI18n } from './I18nProvider.tsx';
import { ChangePassword } from './pages/ChangePassword.tsx';
import { Login } from './pages/Login.tsx';
import { Workspace } from './pages/Workspace.tsx';

type Auth = { state: 'checking' } | { state: 'signedOut'; expired: boolean } | { state: 'signedIn'; me: Me };

export function App() {
  const { t } = useI18n();
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((me) => !cancelled && setAuth({ state: 'signedIn', me }))
      .catch(() => !cancelled && setAuth({ state: 'signedOut', expired: false }));
    return () => {
      cancelled = true;
    };
  }, []);

  const onSessionLost = useCallback(() => setAuth({ state: 'signedOut', expired: true }), []);
  const onSignedOut = useCallback(() => setAuth({ state: 'signedOut', expired: false }), []);
  const onMeChange = useCallback((me: Me) => setAuth({ state: 'signedIn', me }), []);

  if (auth.state === 'checking') {
    return (
      <div className="splash" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('app.loading')}
      </div>
    );
  }
  if (auth.state === 'signedOut') {
    return <Login expired={auth.expired} onSignedIn={onMeChange} />;
  }
  const signOut = async () => {
    try {
      await api.logout();
    } catch (error) {
      // the session may already be gone; signing out locally is still right
      console.warn('logout failed', errorCodeOf(error));
    }
    onSignedOut();
  };
  if (auth.me.mustChangePassword) {
    return <ChangePassword me={auth.me} onChanged={onMeChange} onSignOut={() => void signOut()} />;
  }
  return (
    <Workspace
      me={auth.me}
      onMeChange={onMeChange}
      onSessionLost={onSessionLost}
      onSignOut={() => void signOut()}
    />
  );
}
