import type { AgentConversation, Teammate, TeamView, TransferTarget } from '@tandem/protocol';
import { Alert, Button, Form, Input, Modal, Segmented, Select, Typography } from 'antd';
import { useId, useState } from 'react';
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
  const ids = useId();
  const [kind, setKind] = useState<Kind>('agent');
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [teamId, setTeamId] = useState<string | undefined>(undefined);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ClientErrorCode; message: string } | null>(null);

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

  const submit = async () => {
    if (!target || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onTransfer(target, note.trim());
    } catch (failure) {
      // what was chosen and typed stays, with the reason it did not go through
      const code = errorCodeOf(failure);
      setError({ code, message: failure instanceof ApiError ? failure.message : '' });
      setBusy(false);
    }
  };

  const close = () => {
    if (!busy) onClose();
  };

  return (
    <Modal
      open
      title={t('transfer.title')}
      onCancel={close}
      maskClosable={!busy}
      keyboard={!busy}
      closable={!busy}
      width={480}
      className="transfer-dialog"
      footer={[
        <Button key="cancel" onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>,
        <Button key="submit" type="primary" loading={busy} disabled={!target} onClick={() => void submit()}>
          {busy ? t('transfer.submitting') : t('transfer.submit')}
        </Button>,
      ]}
    >
      <Form layout="vertical" requiredMark={false} onFinish={() => void submit()}>
        <Form.Item label={t('transfer.kind')}>
          <Segmented<Kind>
            block
            value={kind}
            name={`${ids}-kind`}
            aria-label={t('transfer.kind')}
            onChange={(next) => {
              setKind(next);
              setError(null);
            }}
            options={kinds.map((option) => ({ value: option, label: t(`transfer.kind.${option}`) }))}
          />
        </Form.Item>

        {kind === 'agent' && (
          <Form.Item
            label={t('transfer.person')}
            htmlFor={`${ids}-person`}
            extra={people.some((mate) => mate.presence === 'online') ? undefined : t('transfer.noPeople')}
          >
            <Select
              id={`${ids}-person`}
              className="transfer-person"
              classNames={{ popup: { root: 'transfer-person-options' } }}
              value={userId}
              placeholder={t('transfer.choose')}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={setUserId}
              options={people.map((mate) => ({
                value: mate.id,
                disabled: mate.presence !== 'online',
                label:
                  mate.presence === 'online'
                    ? t('transfer.personOption', { name: mate.name, role: t(`role.${mate.role}`) })
                    : t('transfer.personAway', { name: mate.name, presence: t(`presence.${mate.presence}`) }),
              }))}
            />
          </Form.Item>
        )}

        {kind === 'team' && (
          <Form.Item
            label={t('transfer.team')}
            htmlFor={`${ids}-team`}
            extra={teams?.length === 0 ? t('transfer.noTeams') : undefined}
          >
            <Select
              id={`${ids}-team`}
              className="transfer-team"
              classNames={{ popup: { root: 'transfer-team-options' } }}
              value={teamId}
              loading={teams === null}
              disabled={teams === null}
              placeholder={teams === null ? t('transfer.loadingTeams') : t('transfer.choose')}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={setTeamId}
              options={(teams ?? []).map((team) => ({
                value: team.id,
                disabled: onlineIn(team) === 0,
                label: t('transfer.teamOption', {
                  name: team.name,
                  online: onlineIn(team),
                  queued: team.queued,
                }),
              }))}
            />
          </Form.Item>
        )}

        {kind === 'expert' && (
          <Typography.Paragraph type="secondary" className="transfer-hint">
            {teams === null
              ? t('transfer.loadingTeams')
              : experts.length === 0
                ? t('transfer.noExpert')
                : expertsOnline === 0
                  ? t('transfer.expertOffline')
                  : t('transfer.expertHint', {
                      teams: new Intl.ListFormat(localeOf(lang)).format(experts.map((team) => team.name)),
                    })}
          </Typography.Paragraph>
        )}

        <Form.Item label={t('transfer.note')} htmlFor={`${ids}-note`}>
          <Input.TextArea
            id={`${ids}-note`}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={noteMax}
            showCount
            value={note}
            placeholder={t('transfer.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
          />
        </Form.Item>

        {error && (
          <Alert
            type="error"
            showIcon
            title={t(`error.${error.code}`)}
            description={
              error.message && error.code !== 'network' && error.code !== 'timeout'
                ? t('transfer.serverSaid', { message: error.message })
                : undefined
            }
          />
        )}
      </Form>
    </Modal>
  );
}
