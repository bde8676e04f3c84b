import type {
  AgentConversation,
  ConversationStatus,
  Me,
  Teammate,
  TeamView,
  TransferTarget,
} from '@tandem/protocol';
import { useMemo, useState } from 'react';
import { api, errorCodeOf } from '../api.ts';
import { contactName } from '../contact.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey, Vars } from '../i18n.ts';
import { useShortcuts } from '../keyboard.ts';
import { OfferBar } from '../offers/OfferBar.tsx';
import { type AgentSocket, commands } from '../socket.ts';
import type { PendingOffer } from '../store/offers.ts';
import { useReadSeq } from '../store/useReadSeq.ts';
import { useMediaQuery } from '../useMediaQuery.ts';
import { useNow } from '../useNow.ts';
import { Composer, type ComposerMode } from './Composer.tsx';
import { ContactPanel } from './ContactPanel.tsx';
import { ConversationHeader } from './ConversationHeader.tsx';
import { ConversationTools, type HandOver } from './ConversationTools.tsx';
import { CsatSummary } from './CsatSummary.tsx';
import { HandoffPanel } from './HandoffPanel.tsx';
import { showsHandoff } from './handoff.ts';
import { ResolveDialog } from './ResolveDialog.tsx';
import { Transcript } from './Transcript.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { mayHandle } from './transfer.ts';
import { useConversation } from './useConversation.ts';

interface Props {
  conversationId: string;
  conversation: AgentConversation | undefined;
  me: Me;
  socket: AgentSocket | null;
  teammates: Teammate[];
  /** null until loaded */
  teams: TeamView[] | null;
  /** fetch the teams again (fresh presence and queue sizes) */
  onReloadTeams: () => void;
  /** the offer of this conversation to me, if one is pending */
  offer: PendingOffer | undefined;
  onDeclineOffer: (conversationId: string) => void;
  onDismissOffer: (conversationId: string) => void;
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

type Command = 'accept' | 'resolve' | 'reopen' | HandOver;

/**
 * A line above the transcript: what just happened (shown while the conversation stays in the state it
 * left it in), or what went wrong.
 */
type Banner = { tone: 'info' | 'error'; key: MessageKey; vars?: Vars; while?: ConversationStatus };

/** The line saying where the conversation went. */
function transferredBanner(
  to: TransferTarget,
  updated: AgentConversation,
  teammates: readonly Teammate[],
  teams: readonly TeamView[] | null,
): Banner {
  if (to.kind === 'expert') return { tone: 'info', key: 'conversation.transferredToExpert' };
  if (to.kind === 'team') {
    const team = teams?.find((item) => item.id === to.teamId)?.name ?? updated.team?.name ?? '';
    return { tone: 'info', key: 'conversation.transferredToTeam', vars: { team } };
  }
  const name = teammates.find((mate) => mate.id === to.userId)?.name ?? updated.assignee?.name ?? '';
  return { tone: 'info', key: 'conversation.transferredTo', vars: { name } };
}

export function ConversationView(props: Props) {
  const { conversationId, conversation, me, socket } = props;
  const { t } = useI18n();
  const now = useNow(30_000);
  const live = useConversation(conversationId, socket, props.onConversation, props.onSessionLost);
  const readSeq = useReadSeq(socket, conversationId, conversation?.customerReadSeq);
  const [busy, setBusy] = useState<Command | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [confirming, setConfirming] = useState<HandOver | null>(null);
  const [transferring, setTransferring] = useState(false);
  const narrow = useMediaQuery('(max-width: 1180px)');
  const [detailsToggled, setDetailsToggled] = useState(false);
  const detailsVisible = narrow ? detailsToggled : !detailsToggled;

  const failed = (error: unknown) => {
    const code = errorCodeOf(error);
    if (code === 'unauthenticated') props.onSessionLost();
    if (code === 'already_assigned' || code === 'invalid_transition' || code === 'not_assignee') {
      props.onRefreshInbox();
      void live.reload();
    }
    return code;
  };

  const [resolving, setResolving] = useState(false);

  const act = async (action: Command, disposition: string[] = []) => {
    setBusy(action);
    setBanner(null);
    try {
      const updated =
        action === 'resolve'
          ? await commands(socket).resolve(conversationId, disposition)
          : await commands(socket)[action](conversationId);
      if (action === 'resolve') setResolving(false);
      props.onConversation(updated);
      setConfirming(null);
      if (action === 'accept' || action === 'reopen') props.onAccepted();
      if (action === 'release')
        setBanner({ tone: 'info', key: 'conversation.released', while: updated.status });
      if (action === 'handBack')
        setBanner({ tone: 'info', key: 'conversation.handedBack', while: updated.status });
    } catch (error) {
      const code = failed(error);
      setConfirming(null);
      setResolving(false);
      setBanner({
        tone: 'error',
        key: code === 'already_assigned' ? 'conversation.alreadyTaken' : `error.${code}`,
      });
    } finally {
      setBusy(null);
    }
  };

  const transfer = async (to: TransferTarget, note: string) => {
    try {
      const updated = await commands(socket).transfer(conversationId, to, note || undefined);
      props.onConversation(updated);
      setTransferring(false);
      setBanner({ ...transferredBanner(to, updated, props.teammates, props.teams), while: updated.status });
    } catch (error) {
      failed(error);
      throw error;
    }
  };

  const experts = useMemo(
    () =>
      props.teammates
        .filter((mate) => mate.role === 'expert' && mate.id !== me.id)
        .sort((a, b) => Number(b.presence === 'online') - Number(a.presence === 'online')),
    [props.teammates, me.id],
  );
  const invite = async (expert: Teammate) => {
    setBanner(null);
    try {
      props.onConversation(await api.inviteExpert(conversationId, expert.id));
      setBanner({ tone: 'info', key: 'conversation.expertInvited', vars: { name: expert.name } });
    } catch (error) {
      setBanner({ tone: 'error', key: `error.${failed(error)}` });
    }
  };

  const openTransfer = () => {
    setBanner(null);
    props.onReloadTeams();
    setTransferring(true);
  };

  const roles = useMemo(
    () => new Map(props.teammates.map((mate) => [mate.id, mate.role])),
    [props.teammates],
  );
  const lastCustomerSeq = useMemo(() => {
    for (let index = live.transcript.messages.length - 1; index >= 0; index -= 1) {
      const message = live.transcript.messages[index];
      if (message?.author.kind === 'customer') return message.seq;
    }
    return null;
  }, [live.transcript.messages]);

  const mine = conversation?.status === 'assigned' && conversation.assignee?.id === me.id;
  useShortcuts({
    a: () => conversation?.status === 'queued' && busy === null && void act('accept'),
    r: () => mine && busy === null && setResolving(true),
    t: () => conversation && mayHandle(conversation, me) && openTransfer(),
  });

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
          meRole={me.role}
          busy={busy}
          detailsVisible={detailsVisible}
          onAccept={() => void act('accept')}
          onResolve={() => setResolving(true)}
          onReopen={() => void act('reopen')}
          onToggleDetails={() => setDetailsToggled((value) => !value)}
          onBack={props.onClose}
        />
        {props.offer && (
          <OfferBar offer={props.offer} onDecline={props.onDeclineOffer} onDismiss={props.onDismissOffer} />
        )}
        {mayHandle(conversation, me) && (
          <ConversationTools
            experts={experts}
            onInvite={(expert) => void invite(expert)}
            busy={busy}
            confirming={confirming}
            onTransfer={openTransfer}
            onAsk={(action) => {
              setBanner(null);
              setConfirming(action);
            }}
            onConfirm={(action) => void act(action)}
            onCancel={() => setConfirming(null)}
          />
        )}
        {conversation.csat && <CsatSummary csat={conversation.csat} />}
        {banner && (!banner.while || banner.while === conversation.status) && (
          <div className={`banner banner-${banner.tone}`} role={banner.tone === 'error' ? 'alert' : 'status'}>
            <span>{t(banner.key, banner.vars)}</span>
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
        {showsHandoff(conversation.status) && (
          <HandoffPanel conversationId={conversationId} status={conversation.status} now={now} />
        )}
        <Transcript
          messages={live.transcript.messages}
          pending={live.transcript.pending}
          loading={live.load.state === 'loading'}
          contactName={name}
          myName={me.name}
          roles={roles}
          customerTyping={live.customerTyping}
          readSeq={readSeq}
          now={now}
          onRetry={live.retry}
          onDiscard={live.discard}
        />
        {transferring && (
          <TransferDialog
            conversation={conversation}
            teammates={props.teammates}
            teams={props.teams}
            onTransfer={transfer}
            onClose={() => setTransferring(false)}
          />
        )}
        <Composer
          key={conversationId}
          conversationId={conversationId}
          mode={mode}
          lastCustomerSeq={lastCustomerSeq}
          onSend={live.send}
          onTyping={live.typing}
        />
        <ResolveDialog
          open={resolving}
          busy={busy === 'resolve'}
          onResolve={(disposition) => void act('resolve', disposition)}
          onCancel={() => setResolving(false)}
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
