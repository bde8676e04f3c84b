import type { AgentConversation, Me, Teammate, TeamView } from '@tandem/protocol';
import { agentConversationSchema, messageViewSchema } from '@tandem/protocol';
import { App, Button, Spin } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { canSupervise, needsAdministration, routesFor } from '../admin/access.ts';
import { NotAllowed } from '../admin/NotAllowed.tsx';
import { playChime } from '../alerts/alerts.ts';
import { alertSettingsNow } from '../alerts/useAlerts.ts';
import { useWorkspaceAlerts } from '../alerts/useWorkspaceAlerts.ts';
import { api } from '../api.ts';
import { contactName } from '../contact.ts';
import { ConversationView } from '../conversation/ConversationView.tsx';
import { staffNames } from '../conversation/transfer.ts';
import { useI18n } from '../I18nProvider.tsx';
import { InboxList } from '../inbox/InboxList.tsx';
import { useShortcuts } from '../keyboard.ts';
import { Header } from '../layout/Header.tsx';
import { OpenTabs } from '../layout/OpenTabs.tsx';
import { ShortcutHelp } from '../layout/ShortcutHelp.tsx';
import { OfferStack } from '../offers/OfferStack.tsx';
import { type AgentSocket, commands } from '../socket.ts';
import {
  countByView,
  type InboxView,
  parseActivity,
  selectView,
  unreadMine,
  type Viewer,
  viewsFor,
} from '../store/inbox.ts';
import { useAgentSocket } from '../store/useAgentSocket.ts';
import { useInbox } from '../store/useInbox.ts';
import { useOffers } from '../store/useOffers.ts';
import { useOpenTicketCount } from '../tickets/useTickets.ts';
import { useRoute } from '../useRoute.ts';
import { Home } from './Home.tsx';

// pages other than the inbox load on first use, so an agent's first load carries only the workspace
const KnowledgePage = lazy(() =>
  import('../knowledge/KnowledgePage.tsx').then((m) => ({ default: m.KnowledgePage })),
);
const BotPage = lazy(() => import('../bot/BotPage.tsx').then((m) => ({ default: m.BotPage })));
const TicketsPage = lazy(() =>
  import('../tickets/TicketsPage.tsx').then((m) => ({ default: m.TicketsPage })),
);
const SearchPage = lazy(() => import('../search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const SupervisorPage = lazy(() =>
  import('../supervisor/SupervisorPage.tsx').then((m) => ({ default: m.SupervisorPage })),
);
const AnalyticsPage = lazy(() =>
  import('../analytics/AnalyticsPage.tsx').then((m) => ({ default: m.AnalyticsPage })),
);
const SettingsPage = lazy(() =>
  import('../settings/SettingsPage.tsx').then((m) => ({ default: m.SettingsPage })),
);

interface Props {
  me: Me;
  onMeChange: (me: Me) => void;
  onSessionLost: () => void;
  onSignOut: () => void;
}

/** At most this many conversations stay open side by side in tabs; opening another closes the oldest. */
const maxOpen = 6;

export function Workspace({ me, onMeChange, onSessionLost, onSignOut }: Props) {
  const { t } = useI18n();
  const { socket, connection } = useAgentSocket(onSessionLost);
  const inbox = useInbox(onSessionLost);
  const { route, navigate } = useRoute();
  const openTickets = useOpenTicketCount(socket);
  const [view, setView] = useState<InboxView>('queued');
  const [openIds, setOpenIds] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  const [team, setTeam] = useState<Teammate[]>([]);
  /** teams (skill groups, the expert tier); null until loaded */
  const [teams, setTeams] = useState<TeamView[] | null>(null);
  const openRef = useRef(openId);
  openRef.current = openId;
  const meRef = useRef(me);
  meRef.current = me;
  const { refresh, upsert, dispatch } = inbox;
  const { notification } = App.useApp();
  const translateRef = useRef(t);
  translateRef.current = t;

  const reloadTeams = useCallback(() => {
    api.teams().then(setTeams, () => setTeams((current) => current ?? []));
  }, []);

  const refreshAll = useCallback(() => {
    void refresh(openRef.current);
    api.team().then(setTeam, () => setTeam([]));
    reloadTeams();
  }, [refresh, reloadTeams]);

  /** the socket the inbox was last loaded for: it is loaded once it connects, not before and again after */
  const loadedFor = useRef<AgentSocket | null>(null);

  useEffect(() => {
    if (!socket) return;
    // every (re)connection loads the inbox afresh: what changed while events could not arrive is in it
    const onConnect = () => {
      loadedFor.current = socket;
      refreshAll();
    };
    // a socket that cannot connect (yet) still gets the inbox over REST once, so the page is not left empty
    const onConnectError = () => {
      if (loadedFor.current === socket) return;
      loadedFor.current = socket;
      refreshAll();
    };
    if (socket.connected && loadedFor.current !== socket) onConnect();
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
    // an expert asked to help: the conversation comes into the inbox, with a notice that opens it
    const onInvited = (payload: { conversation: AgentConversation; invitedBy: string }) => {
      const parsed = agentConversationSchema.safeParse(payload.conversation);
      if (!parsed.success) return;
      upsert(parsed.data, true);
      if (alertSettingsNow().sound) playChime();
      const invitedBy = typeof payload.invitedBy === 'string' ? payload.invitedBy : '';
      notification.info({
        key: `consult-${parsed.data.id}`,
        message: translateRef.current('consult.invitedTitle', { name: invitedBy }),
        description: contactName(parsed.data.contact, translateRef.current),
        btn: (
          <Button type="primary" size="small" onClick={() => openById.current(parsed.data.id)}>
            {translateRef.current('consult.open')}
          </Button>
        ),
        duration: 0,
      });
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onConnectError);
    socket.on('conversation:updated', onUpdated);
    socket.on('inbox:activity', onActivity);
    socket.on('message:new', onMessage);
    socket.on('presence:changed', onPresence);
    socket.on('consult:invited', onInvited);
    return () => {
      socket.off('consult:invited', onInvited);
      socket.off('connect', onConnect);
      socket.off('connect_error', onConnectError);
      socket.off('conversation:updated', onUpdated);
      socket.off('inbox:activity', onActivity);
      socket.off('message:new', onMessage);
      socket.off('presence:changed', onPresence);
    };
  }, [socket, refreshAll, upsert, dispatch, onMeChange, notification]);

  // the conversation in front of the agent: its customer messages are read as they arrive
  const focused = route === 'inbox' ? openId : null;
  useEffect(() => dispatch({ type: 'focus', id: focused }), [dispatch, focused]);

  const select = useCallback(
    (id: string) => {
      setOpenIds((list) => (list.includes(id) ? list : [...list, id].slice(-maxOpen)));
      setOpenId(id);
      dispatch({ type: 'seen', id });
    },
    [dispatch],
  );

  const close = useCallback((id: string) => {
    setOpenIds((list) => {
      const next = list.filter((item) => item !== id);
      if (openRef.current === id) setOpenId(next.at(-1) ?? null);
      return next;
    });
  }, []);

  /** Open a conversation from another page (search, the supervisor wall, a notification). */
  const openConversation = useCallback(
    (id: string) => {
      navigate('inbox');
      select(id);
    },
    [navigate, select],
  );
  const openById = useRef(openConversation);
  openById.current = openConversation;

  const offers = useOffers(socket, me.id, inbox.state.byId, {
    onConversation: upsert,
    onAccepted: (conversation) => {
      navigate('inbox');
      setView('mine');
      select(conversation.id);
    },
    onSessionLost,
  });

  const viewer = useMemo<Viewer>(
    () => ({
      id: me.id,
      supervises: canSupervise(me.role),
      teamIds: new Set(
        (teams ?? [])
          .filter((item) => item.members.some((member) => member.id === me.id))
          .map((item) => item.id),
      ),
    }),
    [me.id, me.role, teams],
  );
  const views = useMemo(() => viewsFor(viewer), [viewer]);
  const counts = useMemo(() => countByView(inbox.state, me.id, viewer), [inbox.state, me.id, viewer]);
  const names = useMemo(() => staffNames(team, teams ?? []), [team, teams]);
  const rows = useMemo(
    () => selectView(inbox.state, view, me.id, viewer),
    [inbox.state, view, me.id, viewer],
  );
  const open = openId ? inbox.state.byId[openId] : undefined;
  const served = useMemo(
    () => Object.values(inbox.state.byId).filter((conversation) => conversation.status === 'assigned'),
    [inbox.state.byId],
  );

  useWorkspaceAlerts({
    highlighted: inbox.state.highlighted,
    byId: inbox.state.byId,
    offers: offers.offers,
    onOpen: openConversation,
  });

  const offered = offers.offers.length;
  useEffect(() => {
    document.title =
      offered > 0
        ? t('title.offered', { n: offered })
        : counts.queued > 0
          ? t('title.queued', { n: counts.queued })
          : t('title.base');
  }, [offered, counts.queued, t]);

  const step = (by: 1 | -1) => {
    if (rows.length === 0) return;
    const at = rows.findIndex((row) => row.id === openId);
    const next = rows[(at + by + rows.length) % rows.length] ?? rows[0];
    if (next) select(next.id);
  };
  const switchTo = (index: number) => () => {
    const id = openIds[index];
    if (id) select(id);
  };
  useShortcuts(
    {
      j: () => route === 'inbox' && step(1),
      k: () => route === 'inbox' && step(-1),
      w: () => openId && close(openId),
      ...Object.fromEntries([0, 1, 2, 3, 4, 5].map((index) => [String(index + 1), switchTo(index)])),
    },
    { '?': () => setHelp(true) },
  );

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
  const shortcutHelp = <ShortcutHelp open={help} onClose={() => setHelp(false)} />;

  if (route !== 'inbox') {
    const page =
      needsAdministration(route) && !canSupervise(me.role) ? (
        <NotAllowed onBack={() => navigate('inbox')} />
      ) : route === 'tickets' ? (
        <TicketsPage socket={socket} onSessionLost={onSessionLost} />
      ) : route === 'search' ? (
        <SearchPage me={me} team={team} onOpen={openConversation} onSessionLost={onSessionLost} />
      ) : route === 'supervisor' ? (
        <SupervisorPage
          me={me}
          socket={socket}
          teams={teams}
          teammates={team}
          served={served}
          onOpen={openConversation}
          onSessionLost={onSessionLost}
        />
      ) : route === 'settings' ? (
        <SettingsPage me={me} teams={teams} onTeamsChanged={reloadTeams} onSessionLost={onSessionLost} />
      ) : route === 'analytics' ? (
        <AnalyticsPage me={me} onSessionLost={onSessionLost} />
      ) : route === 'knowledge' ? (
        <KnowledgePage socket={socket} onSessionLost={onSessionLost} />
      ) : (
        <BotPage team={team} socket={socket} role={me.role} onSessionLost={onSessionLost} />
      );
    return (
      <div className="workspace">
        {header}
        {offerStack}
        {shortcutHelp}
        <div className="workspace-body">
          <Suspense
            fallback={
              <div className="page-loading" role="status">
                <Spin /> {t('app.loading')}
              </div>
            }
          >
            {page}
          </Suspense>
        </div>
      </div>
    );
  }

  return (
    <div className={`workspace${openId ? ' has-open' : ''}`}>
      {header}
      {offerStack}
      {shortcutHelp}
      <div className="workspace-body">
        <InboxList
          views={views}
          view={view}
          onView={setView}
          counts={counts}
          unread={inbox.state.unread}
          unreadMine={unreadMine(inbox.state, me.id)}
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
          <div className="conversation-stack">
            <OpenTabs
              ids={openIds}
              activeId={openId}
              byId={inbox.state.byId}
              unread={inbox.state.unread}
              onSelect={select}
              onClose={close}
            />
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
              onClose={() => close(openId)}
              onSessionLost={onSessionLost}
            />
          </div>
        ) : (
          <Home me={me} counts={counts} team={team} onOpenQueue={() => setView('queued')} />
        )}
      </div>
    </div>
  );
}
