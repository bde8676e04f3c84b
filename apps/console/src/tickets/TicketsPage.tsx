import { useState } from 'react';
import { Notice } from '../admin/Notice.tsx';
import { api } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import type { MessageKey } from '../i18n.ts';
import type { AgentSocket } from '../socket.ts';
import { TicketDetail } from './TicketDetail.tsx';
import { TicketList } from './TicketList.tsx';
import type { TicketStatus } from './tickets.ts';
import { useTickets } from './useTickets.ts';

/** Messages customers left when nobody could take them: list by status on the left, the open one on the right. */
export function TicketsPage({
  socket,
  onSessionLost,
}: {
  socket: AgentSocket | null;
  onSessionLost: () => void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<TicketStatus>('open');
  const [openId, setOpenId] = useState<string | null>(null);
  /** kept as a key, so it follows a change of language */
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const tickets = useTickets(socket, status, onSessionLost);
  const open = openId ? tickets.byId[openId] : undefined;

  return (
    <div className={`admin-page${open ? ' has-open' : ''}`}>
      {notice && <Notice tone="error" text={t(notice)} onDismiss={() => setNotice(null)} />}
      <div className="admin-panes">
        <TicketList
          status={status}
          onStatus={setStatus}
          tickets={tickets.tickets}
          load={tickets.load}
          selected={openId}
          onSelect={(id) => {
            setNotice(null);
            setOpenId(id);
          }}
          onRetry={() => void tickets.reload()}
        />
        {open ? (
          <TicketDetail
            key={open.id}
            ticket={open}
            onReply={async (text, email) => {
              tickets.take(await api.replyTicket(open.id, text, email));
              setNotice(null);
            }}
            onStatus={async (next) => {
              tickets.take(await api.setTicketStatus(open.id, next));
              setNotice(null);
            }}
            onError={setNotice}
            onBack={() => setOpenId(null)}
          />
        ) : (
          <main className="admin-empty">
            <p className="muted">{t('tickets.choose')}</p>
          </main>
        )}
      </div>
    </div>
  );
}
