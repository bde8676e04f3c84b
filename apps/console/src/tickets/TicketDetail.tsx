import { LeftOutlined } from '@ant-design/icons';
import type { TicketView } from '@tandem/protocol';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Form, Input, List, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { type ClientErrorCode, errorCodeOf } from '../api.ts';
import { useI18n } from '../I18nProvider.tsx';
import { formatClock } from '../time.ts';
import { useNow } from '../useNow.ts';
import { emailStateKey, statusColour, type TicketStatus, whoLeft } from './tickets.ts';

interface Props {
  ticket: TicketView;
  onReply: (text: string, email: boolean) => Promise<unknown>;
  onStatus: (status: TicketStatus) => Promise<unknown>;
  onBack: () => void;
}

const replyMax = 4000;
// preset colours: pale tones that read the same in both themes' greens
const emailColour = { none: 'default', pending: 'orange', sent: 'green', failed: 'red' } as const;

/** One ticket: the whole message, how to reach the customer, the replies, a reply box and its status. */
export function TicketDetail({ ticket, onReply, onStatus, onBack }: Props) {
  const { t, lang } = useI18n();
  const now = useNow(30_000);
  const ids = useId();
  const [text, setText] = useState('');
  const [email, setEmail] = useState(true);
  const [busy, setBusy] = useState<'reply' | 'status' | null>(null);
  /** why the last action failed, shown where it was asked for; what was typed stays in the box */
  const [failed, setFailed] = useState<{ what: 'reply' | 'status'; code: ClientErrorCode } | null>(null);

  const run = async (what: 'reply' | 'status', action: () => Promise<unknown>) => {
    setBusy(what);
    setFailed(null);
    try {
      await action();
      return true;
    } catch (error) {
      setFailed({ what, code: errorCodeOf(error) });
      return false;
    } finally {
      setBusy(null);
    }
  };
  const submit = async () => {
    const body = text.trim();
    if (body === '' || busy) return;
    if (await run('reply', () => onReply(body, ticket.email !== null && email))) setText('');
  };

  const none = t('common.none');
  return (
    <main className="admin-detail ticket-detail" aria-label={t('tickets.detail')}>
      <div className="admin-editor-head">
        <Button type="text" icon={<LeftOutlined />} className="back-button" onClick={onBack}>
          {t('admin.back')}
        </Button>
        <Typography.Title level={2} className="pane-title ticket-who">
          {whoLeft(ticket) || t('tickets.anonymous')}
        </Typography.Title>
        <Tag color={statusColour[ticket.status]} className="ticket-status">
          {t(`tickets.status.${ticket.status}`)}
        </Tag>
        {ticket.team && <Tag bordered={false}>{ticket.team.name}</Tag>}
        <span className="ticket-actions">
          {ticket.status === 'solved' ? (
            <Button
              loading={busy === 'status'}
              disabled={busy !== null}
              onClick={() => run('status', () => onStatus('open'))}
            >
              {t('tickets.reopen')}
            </Button>
          ) : (
            <Button
              type="primary"
              className="button-solve"
              loading={busy === 'status'}
              disabled={busy !== null}
              onClick={() => run('status', () => onStatus('solved'))}
            >
              {t('tickets.solve')}
            </Button>
          )}
        </span>
      </div>
      <div className="admin-editor-body">
        {failed?.what === 'status' && <Failure code={failed.code} onClose={() => setFailed(null)} />}
        <Descriptions
          className="ticket-contact"
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            ...(ticket.name ? [{ key: 'name', label: t('tickets.name'), children: ticket.name }] : []),
            { key: 'email', label: t('tickets.emailAddress'), children: ticket.email ?? none },
            { key: 'phone', label: t('tickets.phone'), children: ticket.phone ?? none },
            {
              key: 'left',
              label: t('tickets.left'),
              children: <time dateTime={ticket.createdAt}>{formatClock(ticket.createdAt, now, lang)}</time>,
            },
          ]}
        />
        <Card size="small" title={t('tickets.message')} role="region" aria-label={t('tickets.message')}>
          <Typography.Paragraph className="ticket-message">{ticket.message}</Typography.Paragraph>
        </Card>
        <section aria-label={t('tickets.repliesTitle')}>
          <Typography.Title level={3} className="ticket-heading">
            {t('tickets.repliesTitle')}
          </Typography.Title>
          {ticket.replies.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.noReplies')} />
          ) : (
            <List
              className="ticket-replies"
              dataSource={ticket.replies}
              rowKey="id"
              renderItem={(reply) => (
                <List.Item className="ticket-reply">
                  <div className="ticket-reply-meta">
                    <span className="ticket-reply-author">{reply.author?.name ?? t('tickets.someone')}</span>
                    <time dateTime={reply.createdAt}>{formatClock(reply.createdAt, now, lang)}</time>
                    <Tag color={emailColour[reply.emailState]} className="ticket-email">
                      {t(emailStateKey[reply.emailState])}
                    </Tag>
                  </div>
                  <Typography.Paragraph className="ticket-reply-text">{reply.text}</Typography.Paragraph>
                </List.Item>
              )}
            />
          )}
        </section>
        <Form layout="vertical" className="ticket-reply-form" onFinish={() => void submit()}>
          <Form.Item label={t('tickets.replyLabel')} htmlFor={`${ids}-reply`}>
            <Input.TextArea
              id={`${ids}-reply`}
              autoSize={{ minRows: 3, maxRows: 10 }}
              maxLength={replyMax}
              showCount
              value={text}
              placeholder={t('tickets.replyPlaceholder')}
              onChange={(event) => setText(event.target.value)}
            />
          </Form.Item>
          {failed?.what === 'reply' && (
            <Failure code={failed.code} kept={text.trim() !== ''} onClose={() => setFailed(null)} />
          )}
          <div className="ticket-reply-foot">
            {ticket.email !== null && (
              <Checkbox checked={email} onChange={(event) => setEmail(event.target.checked)}>
                {t('tickets.alsoEmail')}
              </Checkbox>
            )}
            <Button
              type="primary"
              htmlType="submit"
              loading={busy === 'reply'}
              disabled={busy !== null || text.trim() === ''}
            >
              {busy === 'reply' ? t('tickets.sending') : t('tickets.send')}
            </Button>
          </div>
        </Form>
      </div>
    </main>
  );
}

/** Why an action on the ticket failed, in the reader's words (and that their reply is still there). */
function Failure({
  code,
  kept = false,
  onClose,
}: {
  code: ClientErrorCode;
  kept?: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      className="ticket-failure"
      type="error"
      showIcon
      closable={{ onClose, 'aria-label': t('conversation.dismiss') }}
      title={t(`error.${code}`)}
      description={kept ? t('tickets.keptDraft') : undefined}
    />
  );
}
