import type { AgentConversation, Teammate, TeamView, TransferTarget } from '@tandem/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError, type ClientErrorCode, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { localeOf } from '../i18n.ts';
import { expertTeams, onlineIn, transferPeople } from './transfer.ts';

type Kind = TransferTarget['kind'];
const kinds: readonly Kind[] = ['agent', 'team', 'expert'];

interface Props {
  conversation: AgentConversation;
  teammates: Teammate[];
  /** null while loading */
  teams: TeamView[] | null;
  /** passes the conversation on; fails with the server's error */
  onTransfer: (to: TransferTarget, note: string) => Promise<void>;
  onClose: () => void;
}

const noteMax = 1000;

/** Where to pass the conversation: a person online, a team's queue or the expert tier, with a note. */
export function TransferDialog({ conversation, teammates, teams, onTransfer, onClose }: Props) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [kind, setKind] = useState<Kind>('agent');
  const [userId, setUserId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ClientErrorCode; message: string } | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const people = transferPeople(teammates, conversation.assignee?.id ?? null);
  const experts = expertTeams(teams ?? []);
  const expertsOnline = experts.reduce((sum, team) => sum + onlineIn(team), 0);
  const target: TransferTarget | null =
    kind === 'agent'
      ? userId
        ? { kind: 'agent', userId }
        : null
      : kind === 'team'
        ? teamId
          ? { kind: 'team', teamId }
          : null
        : experts.length > 0 && expertsOnline > 0
          ? { kind: 'expert' }
          : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onTransfer(target, note.trim());
    } catch (failure) {
      const code = errorCodeOf(failure);
      setError({ code, message: failure instanceof ApiError ? failure.message : '' });
      setBusy(false);
    }
  };

  const close = () => {
    if (!busy) onClose();
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${ids}-title`}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <form className="dialog-form" onSubmit={(event) => void submit(event)}>
        <h2 id={`${ids}-title`}>{t('transfer.title')}</h2>

        <fieldset className="field">
          <legend>{t('transfer.kind')}</legend>
          <div className="segmented choice">
            {kinds.map((option) => (
              <label key={option} className={kind === option ? 'is-active' : undefined}>
                <input
                  type="radio"
                  name={`${ids}-kind`}
                  value={option}
                  checked={kind === option}
                  onChange={() => {
                    setKind(option);
                    setError(null);
                  }}
                />
                {t(`transfer.kind.${option}`)}
              </label>
            ))}
          </div>
        </fieldset>

        {kind === 'agent' && (
          <div className="field">
            <label htmlFor={`${ids}-person`}>{t('transfer.person')}</label>
            <select
              id={`${ids}-person`}
              className="input"
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
            >
              <option value="">{t('transfer.choose')}</option>
              {people.map((mate) => (
                <option key={mate.id} value={mate.id} disabled={mate.presence !== 'online'}>
                  {mate.presence === 'online'
                    ? t('transfer.personOption', { name: mate.name, role: t(`role.${mate.role}`) })
                    : t('transfer.personAway', { name: mate.name, presence: t(`presence.${mate.presence}`) })}
                </option>
              ))}
            </select>
            {!people.some((mate) => mate.presence === 'online') && (
              <p className="field-hint">{t('transfer.noPeople')}</p>
            )}
          </div>
        )}

        {kind === 'team' && (
          <div className="field">
            <label htmlFor={`${ids}-team`}>{t('transfer.team')}</label>
            <select
              id={`${ids}-team`}
              className="input"
              value={teamId}
              disabled={teams === null}
              onChange={(event) => setTeamId(event.target.value)}
            >
              <option value="">{teams === null ? t('transfer.loadingTeams') : t('transfer.choose')}</option>
              {(teams ?? []).map((team) => (
                <option key={team.id} value={team.id} disabled={onlineIn(team) === 0}>
                  {t('transfer.teamOption', { name: team.name, online: onlineIn(team), queued: team.queued })}
                </option>
              ))}
            </select>
            {teams?.length === 0 && <p className="field-hint">{t('transfer.noTeams')}</p>}
          </div>
        )}

        {kind === 'expert' && (
          <p className="field-hint dialog-hint">
            {teams === null
              ? t('transfer.loadingTeams')
              : experts.length === 0
                ? t('transfer.noExpert')
                : expertsOnline === 0
                  ? t('transfer.expertOffline')
                  : t('transfer.expertHint', {
                      teams: new Intl.ListFormat(localeOf(lang)).format(experts.map((team) => team.name)),
                    })}
          </p>
        )}

        <div className="field">
          <label htmlFor={`${ids}-note`}>{t('transfer.note')}</label>
          <textarea
            id={`${ids}-note`}
            className="input"
            rows={3}
            maxLength={noteMax}
            value={note}
            placeholder={t('transfer.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
          />
        </div>

        {error && (
          <div className="dialog-error" role="alert">
            <p>{t(`error.${error.code}`)}</p>
            {error.message && error.code !== 'network' && error.code !== 'timeout' && (
              <p className="field-hint">{t('transfer.serverSaid', { message: error.message })}</p>
            )}
          </div>
        )}

        <div className="dialog-actions">
          <button type="button" className="button" onClick={close} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={!target || busy}>
            {busy ? t('transfer.submitting') : t('transfer.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
