import type { AgentConversation, Me } from '@tandem/protocol';
import { useState } from 'react';
import { errorCodeOf } from '../api.ts';
import { contactName } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import { type AgentSocket, commands } from '../socket.ts';
import { useMediaQuery } from '../useMediaQuery.ts';
import { useNow } from '../useNow.ts';
import { Composer, type ComposerMode } from './Composer.tsx';
import { ContactPanel } from './ContactPanel.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { Transcript } from './Transcript.tsx';
import { useConversation } from './useConversation.ts';

interface Props {
  conversationId: string;
  conversation: AgentConversation | undefined;
  me: Me;
  socket: AgentSocket | null;
  onConversation: (conversation: AgentConversation) => void;
  onRefreshInbox: () => void;
  onAccepted: () => void;
  onClose: () => void;
  onSessionLost: () => void;
}

function composerMode(conversation: AgentConversation, meId: string): ComposerMode {
  if (conversation.status === 'assigned') {
    if (conversation.assignee?.id === meId) return { enabled: true };
    return { enabled: false, hint: 'composer.hint.other', name: conversation.assignee?.name ?? '' };
  }
  if (conversation.status === 'queued') return { enabled: false, hint: 'composer.hint.queued' };
  if (conversation.status === 'bot') return { enabled: false, hint: 'composer.hint.bot' };
  return { enabled: false, hint: 'composer.hint.resolved' };
}

export function ConversationView(props: Props) {
  const { conversationId, conversation, me, socket } = props;
  const { t } = useI18n();
  const now = useNow(30_000);
  const live = useConversation(conversationId, socket, props.onConversation, props.onSessionLost);
  const [busy, setBusy] = useState<'accept' | 'resolve' | null>(null);
  const [banner, setBanner] = useState<MessageKey | null>(null);
  const narrow = useMediaQuery('(max-width: 1180px)');
  const [detailsToggled, setDetailsToggled] = useState(false);
  const detailsVisible = narrow ? detailsToggled : !detailsToggled;

  const act = async (action: 'accept' | 'resolve') => {
    setBusy(action);
    setBanner(null);
    try {
      const updated = await commands(socket)[action](conversationId);
      props.onConversation(updated);
      if (action === 'accept') props.onAccepted();
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'unauthenticated') props.onSessionLost();
      setBanner(code === 'already_assigned' ? 'conversation.alreadyTaken' : `error.${code}`);
      if (code === 'already_assigned' || code === 'invalid_transition' || code === 'not_assignee') {
        props.onRefreshInbox();
        void live.reload();
      }
    } finally {
      setBusy(null);
    }
  };

  if (!conversation) {
    return (
      <main className="conversation conversation-state">
        {live.load.state === 'error' ? (
          <div role="alert">
            <p>{t('conversation.loadError')}</p>
            <p className="muted state-detail">{t(`error.${live.load.code}`)}</p>
            <button type="button" className="button button-sm" onClick={() => void live.reload()}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <p role="status">
            <span className="spinner" aria-hidden="true" />
            {t('conversation.loading')}
          </p>
        )}
      </main>
    );
  }

  const name = contactName(conversation.contact, t);
  const mode = composerMode(conversation, me.id);
  return (
    <main className={`conversation${detailsVisible ? ' with-details' : ''}`}>
      <section className="conversation-main" aria-label={name}>
        <ConversationHeader
          conversation={conversation}
          name={name}
          now={now}
          meId={me.id}
          busy={busy}
          detailsVisible={detailsVisible}
          onAccept={() => void act('accept')}
          onResolve={() => void act('resolve')}
          onToggleDetails={() => setDetailsToggled((value) => !value)}
          onBack={props.onClose}
        />
        {banner && (
          <div className="banner banner-error" role="alert">
            <span>{t(banner)}</span>
            <button
              type="button"
              className="banner-close"
              aria-label={t('conversation.dismiss')}
              onClick={() => setBanner(null)}
            >
              ×
            </button>
          </div>
        )}
        <Transcript
          messages={live.transcript.messages}
          pending={live.transcript.pending}
          loading={live.load.state === 'loading'}
          contactName={name}
          myName={me.name}
          customerTyping={live.customerTyping}
          now={now}
          onRetry={live.retry}
          onDiscard={live.discard}
        />
        <Composer
          key={conversationId}
          conversationId={conversationId}
          mode={mode}
          onSend={live.send}
          onTyping={live.typing}
        />
      </section>
      {detailsVisible && (
        <ContactPanel
          conversation={conversation}
          name={name}
          now={now}
          overlay={narrow}
          onClose={() => setDetailsToggled((value) => !value)}
        />
      )}
    </main>
  );
}
