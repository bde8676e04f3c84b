import type { IntentSaved } from '@tandem/protocol';
import { Alert, Button, Empty } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../../I18nProvider.tsx';
import { TryItDrawer } from '../../knowledge/TryItDrawer.tsx';
import type { AgentSocket } from '../../socket.ts';
import { IntentEditor } from './IntentEditor.tsx';
import { IntentList } from './IntentList.tsx';
import { LearningAlert } from './LearningAlert.tsx';
import { ModelPane } from './ModelPane.tsx';
import type { BotTab, IntentFocus } from './tabs.ts';
import { useIntents } from './useIntents.ts';
import { useLearning } from './useLearning.ts';

interface Props {
  socket: AgentSocket | null;
  focus: IntentFocus | null;
  onFocus: (focus: IntentFocus | null) => void;
  onTab: (tab: BotTab) => void;
  /** runs the action, after asking when an editor has unsaved changes */
  request: (action: () => void) => void;
  onDirty: (dirty: boolean) => void;
  onSessionLost: () => void;
}

/** The intents the bot learns: a searchable list; one (or the two of a confusion pair) open to edit. */
export function IntentsTab({ socket, focus, onFocus, onTab, request, onDirty, onSessionLost }: Props) {
  const { t } = useI18n();
  const { intents, load, reload, replace } = useIntents(onSessionLost);
  const bot = useLearning(socket);
  const [query, setQuery] = useState('');
  const [trying, setTrying] = useState(false);
  const dirty = useRef(new Map<string, boolean>());
  const onEditorDirty = useCallback(
    (id: string, value: boolean) => {
      dirty.current.set(id, value);
      onDirty([...dirty.current.values()].some(Boolean));
    },
    [onDirty],
  );

  const saved = (result: IntentSaved) => {
    replace(result.intent);
    if (result.version !== null) bot.start(result.bot);
  };
  const open = (focus?.ids ?? [])
    .map((id) => intents.find((i) => i.id === id))
    .filter((i) => i !== undefined);
  const missing = load.state === 'ready' && (focus?.ids.length ?? 0) > open.length;

  return (
    <>
      <ModelPane tab="intents" onTab={onTab}>
        <IntentList
          intents={intents}
          load={load}
          query={query}
          selected={focus?.ids ?? []}
          onQuery={setQuery}
          onSelect={(id) => request(() => onFocus({ ids: [id], highlight: [] }))}
          onRetry={() => void reload()}
        />
      </ModelPane>
      <main className="admin-detail intent-detail">
        <div className="model-toolbar">
          {bot.learning && <LearningAlert learning={bot.learning} onDismiss={bot.dismiss} />}
          <Button onClick={() => setTrying(true)}>{t('tryit.open')}</Button>
        </div>
        {missing && <Alert type="warning" showIcon title={t('botModel.intentGone')} />}
        {open.length === 0 ? (
          <Empty className="model-empty" description={t('botModel.choose')} />
        ) : (
          <div className={`intent-editors${open.length > 1 ? ' is-pair' : ''}`}>
            {open.map((intent) => (
              <IntentEditor
                key={intent.id}
                intent={intent}
                intents={intents}
                highlight={intent.id === focus?.ids[0] ? (focus?.highlight ?? []) : []}
                onSaved={saved}
                onDirty={onEditorDirty}
                onSessionLost={onSessionLost}
                onClose={() =>
                  request(() => {
                    const rest = (focus?.ids ?? []).filter((id) => id !== intent.id);
                    onFocus(rest.length > 0 ? { ids: rest, highlight: [] } : null);
                  })
                }
              />
            ))}
          </div>
        )}
      </main>
      <TryItDrawer open={trying} onClose={() => setTrying(false)} />
    </>
  );
}
