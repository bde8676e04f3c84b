import type { Teammate } from '@tandem/protocol';
import { useState } from 'react';
import { ConfirmBar } from '../admin/ConfirmBar.tsx';
import type { DefinitionVersion } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { LoadState } from '../store/useInbox.ts';
import { formatClock } from '../time.ts';

interface Props {
  definitionKey: string;
  versions: DefinitionVersion[];
  load: LoadState;
  /** the version shown in the editor */
  viewing: number | null;
  team: Teammate[];
  busy: boolean;
  onView: (version: DefinitionVersion) => void;
  onActivate: (version: number) => void;
  onTurnOff: () => void;
}

/** Every saved version, newest first: look at one, run it (roll back or forward), or switch it all off. */
export function VersionHistory(props: Props) {
  const { definitionKey, versions, load, viewing, team, busy } = props;
  const { t, lang } = useI18n();
  const [confirmOff, setConfirmOff] = useState(false);
  const now = Date.now();
  const author = (id: string | null) => team.find((m) => m.id === id)?.name ?? t('bot.history.system');
  const anyActive = versions.some((v) => v.active);

  return (
    <section className="version-history" aria-labelledby="history-title">
      <div className="version-history-head">
        <h3 id="history-title">{t('bot.history')}</h3>
        {anyActive && !confirmOff && (
          <button
            type="button"
            className="button button-danger-ghost button-sm"
            disabled={busy}
            onClick={() => setConfirmOff(true)}
          >
            {t('bot.turnOff')}
          </button>
        )}
      </div>
      {confirmOff && (
        <ConfirmBar
          message={t('bot.turnOffConfirm', { key: definitionKey })}
          confirmLabel={t('bot.turnOff')}
          busy={busy}
          onConfirm={() => {
            setConfirmOff(false);
            props.onTurnOff();
          }}
          onCancel={() => setConfirmOff(false)}
        />
      )}
      {load.state === 'loading' && versions.length === 0 ? (
        <p className="muted">{t('bot.history.loading')}</p>
      ) : load.state === 'error' ? (
        <p className="field-problem">{t(`error.${load.code}`)}</p>
      ) : (
        <ol className="versions">
          {versions.map((v) => (
            <li key={v.version} className={v.active ? 'is-active' : undefined}>
              <span className="version-number">{t('bot.version', { n: v.version })}</span>
              {v.active && <span className="chip chip-active">{t('bot.active')}</span>}
              <span className="version-meta">
                {author(v.createdBy)} · {formatClock(v.createdAt, now, lang)} · {v.format.toUpperCase()}
              </span>
              <span className="version-actions">
                {viewing === v.version ? (
                  <span className="muted">{t('bot.history.viewing')}</span>
                ) : (
                  <button type="button" className="link-button" onClick={() => props.onView(v)}>
                    {t('bot.history.view')}
                  </button>
                )}
                {!v.active && (
                  <button
                    type="button"
                    className="button button-sm"
                    disabled={busy}
                    aria-label={`${t('bot.activate')} · ${t('bot.version', { n: v.version })}`}
                    onClick={() => props.onActivate(v.version)}
                  >
                    {t('bot.activate')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
