import { Empty } from 'antd';
import { useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
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
  const tickets = useTickets(socket, status, onSessionLost);
  const open = openId ? tickets.byId[openId] : undefined;

  return (
    <div className={`admin-page${open ? ' has-open' : ''}`}>
      <div className="admin-panes">
        <TicketList
          status={status}
          onStatus={setStatus}
          tickets={tickets.tickets}
          load={tickets.load}
          selected={openId}
          onSelect={setOpenId}
          onRetry={() => void tickets.reload()}
        />
        {open ? (
          <TicketDetail
            key={open.id}
            ticket={open}
            onReply={async (text, email) => tickets.take(await api.replyTicket(open.id, text, email))}
            onStatus={async (next) => tickets.take(await api.setTicketStatus(open.id, next))}
            onBack={() => setOpenId(null)}
          />
        ) : (
          <main className="admin-empty">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.choose')} />
          </main>
        )}
      </div>
    </div>
  );
}
