import type { AgentSocket } from '../../socket.ts';
import { IntentsTab } from './IntentsTab.tsx';
import { ReportTab } from './ReportTab.tsx';
import type { BotTab, IntentFocus, ModelTab } from './tabs.ts';
import { VocabularyTab } from './VocabularyTab.tsx';

interface Props {
  tab: ModelTab;
  socket: AgentSocket | null;
  focus: IntentFocus | null;
  onFocus: (focus: IntentFocus | null) => void;
  onTab: (tab: BotTab) => void;
  /** opens intents in the Intents tab (from the report) */
  onOpenIntents: (focus: IntentFocus) => void;
  request: (action: () => void) => void;
  onDirty: (dirty: boolean) => void;
  onSessionLost: () => void;
}

/** The bot page's model tabs: intents, vocabulary, the model report. */
export function ModelView({
  tab,
  socket,
  focus,
  onFocus,
  onTab,
  onOpenIntents,
  request,
  onDirty,
  onSessionLost,
}: Props) {
  if (tab === 'intents')
    return (
      <IntentsTab
        socket={socket}
        focus={focus}
        onFocus={onFocus}
        onTab={onTab}
        request={request}
        onDirty={onDirty}
        onSessionLost={onSessionLost}
      />
    );
  if (tab === 'vocabulary')
    return <VocabularyTab socket={socket} onTab={onTab} onDirty={onDirty} onSessionLost={onSessionLost} />;
  return <ReportTab onTab={onTab} onOpen={onOpenIntents} onSessionLost={onSessionLost} />;
}
