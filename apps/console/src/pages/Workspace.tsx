import type { AgentConversation, Me, Teammate, TeamView } from '@tandem/protocol';
import { agentConversationSchema, messageViewSchema } from '@tandem/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canAdminister, routesFor } from '../admin/access.ts';
import { NotAllowed } from '../admin/NotAllowed.tsx';
import { api } from '../api.ts';
import { BotPage } from '../bot/BotPage.tsx';
import { ConversationView } from '../conversation/ConversationView.tsx';
import { staffNames } from '../conversation/transfer.ts';
import { useI18n } from '../I18nProvider.tsx';
import { InboxList } from '../inbox/InboxList.tsx';
import { KnowledgePage } from '../knowledge/KnowledgePage.tsx';
import { Header } from '../layout/Header.tsx';
import { OfferStack } from '../offers/OfferStack.tsx';
import { commands } from '../socket.ts';
import { countByView, type InboxView, parseActivity, selectView } from '../store/inbox.ts';
import { useAgentSocket } from '../store/useAgentSocket.ts';
import { useInbox } from '../store/useInbox.ts';
import { useOffers } from '../store/useOffers.ts';
import { TicketsPage } from '../tickets/TicketsPage.tsx';
import { useOpenTicketCount } from '../tickets/useTickets.ts';
import { useRoute } from '../useRoute.ts';
import { Home } from './Home.tsx';

interface Props {
  me: Me;
  onMeChange: (me: Me) => void;
  onSessionLost: () => void;
  onSignOut: () => void;
}

export function Workspace({ me, onMeChange, onSessionLost, onSignOut }: Props) {
  const { t } = useI18n();
  const { socket, connection } = useAgentSocket(onSessionLost);
  const inbox = useInbox(onSessionLost);
  const { route, navigate } = useRoute();
  const openTickets = useOpenTicketCount(socket);
  const [view, setView] = useState<InboxView>('queued');
  const [openId, setOpenId] = useState<string | null>(null);
  const [team, setTeam] = useState<Teammate[]>([]);
  /** teams (skill groups, the expert tier); null until loaded */
  const [teams, setTeams] = useState<TeamView[] | null>(null);
  const openRef = useRef(openId);
  openRef.current = openId;
  const meRef = useRef(me);
  meRef.current = me;
  const { refresh, upsert, dispatch } = inbox;

  const reloadTeams = useCallback(() => {
    api.teams().then(setTeams, () => setTeams((current) => current ?? []));
  }, []);

  const refreshAll = useCallback(() => {
    void refresh(openRef.current);
    api.team().then(setTeam, () => setTeam([]));
    reloadTeams();
  }, [refresh, reloadTeams]);

  useEffect(() => refreshAll(), [refreshAll]);

  useEffect(() => {
    if (!socket) return;
    const onConnect = () => refreshAll();
    const onUpdated = (payload: AgentConversation) => {
      const parsed = agentConversationSchema.safeParse(payload);
      if (parsed.success) upsert(parsed.data, true);
      else console.warn('ignored malformed conversation:updated', parsed.error.message);
    };
    // messages move rows (preview, emotion, time) through small coalesced deltas, not whole rows
    const onActivity = (payload: unknown) => {
      const { items, malformed } = parseActivity(payload);
      if (malformed > 0) console.warn(`ignored ${malformed} malformed inbox:activity item(s)`);
      if (items.length > 0) dispatch({ type: 'activity', items });
    };
    const onMessage = (payload: unknown) => {
      const parsed = messageViewSchema.safeParse(payload);
      if (parsed.success) dispatch({ type: 'message', message: parsed.data });
    };
    const onPresence = ({ userId, presence }: { userId: string; presence: Teammate['presence'] }) => {
      setTeam((list) => list.map((mate) => (mate.id === userId ? { ...mate, presence } : mate)));
      setTeams((list) =>
        list
          ? list.map((item) => ({
              ...item,
              members: item.members.map((member) =>
                member.id === userId ? { ...member, presence } : member,
              ),
            }))
          : list,
      );
      if (userId === meRef.current.id && presence !== meRef.current.presence) {
        onMeChange({ ...meRef.current, presence });
      }
    };
    socket.on('connect', onConnect);
    socket.on('conversation:updated', onUpdated);
    socket.on('inbox:activity', onActivity);
    socket.on('message:new', onMessage);
    socket.on('presence:changed', onPresence);
    return () => {
      socket.off('connect', onConnect);
      socket.off('conversation:updated', onUpdated);
      socket.off('inbox:activity', onActivity);
      socket.off('message:new', onMessage);
      socket.off('presence:changed', onPresence);
    };
  }, [socket, refreshAll, upsert, dispatch, onMeChange]);

  const select = useCallback(
    (id: string) => {
      setOpenId(id);
      dispatch({ type: 'seen', id });
    },
    [dispatch],
  );

  const offers = useOffers(socket, me.id, inbox.state.byId, {
    onConversation: upsert,
    onAccepted: (conversation) => {
      navigate('inbox');
      setView('mine');
      select(conversation.id);
    },
    onSessionLost,
  });

  const counts = useMemo(() => countByView(inbox.state, me.id), [inbox.state, me.id]);
  const names = useMemo(() => staffNames(team, teams ?? []), [team, teams]);
  const rows = useMemo(() => selectView(inbox.state, view, me.id), [inbox.state, view, me.id]);
  const open = openId ? inbox.state.byId[openId] : undefined;

  const offered = offers.offers.length;
  useEffect(() => {
    document.title =
      offered > 0
        ? t('title.offered', { n: offered })
        : counts.queued > 0
          ? t('title.queued', { n: counts.queued })
          : t('title.base');
  }, [offered, counts.queued, t]);

  const setPresence = async (presence: 'online' | 'away') => {
    const previous = me.presence;
    onMeChange({ ...me, presence });
    try {
      await commands(socket).setPresence(presence);
    } catch {
      onMeChange({ ...meRef.current, presence: previous });
    }
  };

  const header = (
    <Header
      me={me}
      connection={connection}
      onPresence={setPresence}
      onSignOut={onSignOut}
      route={route}
      routes={routesFor(me.role)}
      onNavigate={navigate}
      badges={{ tickets: openTickets }}
    />
  );

  // the open conversation's offer shows in its view (Accept is its header's button), not as a card
  const openOffer =
    route === 'inbox' && openId ? offers.offers.find((offer) => offer.conversation.id === openId) : undefined;
  const offerStack = (
    <OfferStack
      offers={openOffer ? offers.offers.filter((offer) => offer !== openOffer) : offers.offers}
      onAccept={offers.accept}
      onDecline={offers.decline}
      onDismiss={offers.dismiss}
    />
  );

  if (route !== 'inbox') {
    return (
      <div className="workspace">
        {header}
        {offerStack}
        <div className="workspace-body">
          {route === 'tickets' ? (
            <TicketsPage socket={socket} onSessionLost={onSessionLost} />
          ) : !canAdminister(me.role) ? (
            <NotAllowed onBack={() => navigate('inbox')} />
          ) : route === 'knowledge' ? (
            <KnowledgePage socket={socket} onSessionLost={onSessionLost} />
          ) : (
            <BotPage team={team} onSessionLost={onSessionLost} />
          )}
        </div>
      </div>
    );
  }

  return (
    <div className={`workspace${openId ? ' has-open' : ''}`}>
      {header}
      {offerStack}
      <div className="workspace-body">
        <InboxList
          view={view}
          onView={setView}
          counts={counts}
          rows={rows}
          highlighted={inbox.state.highlighted}
          load={inbox.load}
          openId={openId}
          meId={me.id}
          names={names}
          onSelect={select}
          onRetry={refreshAll}
        />
        {openId ? (
          <ConversationView
            key={openId}
            conversationId={openId}
            conversation={open}
            me={me}
            socket={socket}
            teammates={team}
            teams={teams}
            onReloadTeams={reloadTeams}
            offer={openOffer}
            onDeclineOffer={offers.decline}
            onDismissOffer={offers.dismiss}
            onConversation={upsert}
            onRefreshInbox={() => void refresh(openRef.current)}
            onAccepted={() => setView('mine')}
            onClose={() => setOpenId(null)}
            onSessionLost={onSessionLost}
          />
        ) : (
          <Home me={me} counts={counts} team={team} onOpenQueue={() => setView('queued')} />
        )}
      </div>
    </div>
  );
}
