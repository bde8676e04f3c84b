import type { Ticket, TicketReply } from '@tandem/domain';
import nodemailer from 'nodemailer';
import type { AppContext } from '../context.ts';

/** An e-mail is tried this often before it is marked failed (the reply stays visible in the widget). */
export const MAX_EMAIL_ATTEMPTS = 5;

export interface Mailer {
  /** sends what is owed now (claimed one attempt at a time, so several processes never send one twice at once) */
  sendOwed(): Promise<number>;
  close(): void;
}

const subjects = { zh: '关于您的留言的回复', en: 'A reply to your message' };
const intro = {
  zh: '您好：\n\n我们回复了您的留言：\n\n',
  en: 'Hello,\n\nWe have replied to your message:\n\n',
};
const outro = {
  zh: '\n\n您也可以回到我们网站的在线客服查看这条回复。\n',
  en: '\n\nYou can also see this reply in the chat on our website.\n',
};

/**
 * The e-mail for one reply, in the customer's language, as plain text (nothing is rendered as HTML). It does
 * not quote the customer's message or name: whoever left them typed the address too, and quoting would let
 * anyone make staff send their text to any address.
 */
export function replyEmail(ticket: Ticket, reply: TicketReply, workspaceName: string) {
  const lang = ticket.lang;
  return {
    subject: `${subjects[lang]} · ${workspaceName}`,
    text: `${intro[lang]}${reply.text}${outro[lang]}`,
  };
}

/**
 * Ticket replies by e-mail over SMTP (nodemailer). What is owed lives in the database (`email_state` of the
 * reply), so a restart or an SMTP outage delays an e-mail but does not lose it. Addresses and texts are never
 * logged.
 */
export function createMailer(ctx: AppContext): Mailer | null {
  const smtp = ctx.config.smtp;
  if (!smtp) return null;
  const transport = nodemailer.createTransport(smtp.url);
  return {
    async sendOwed() {
      let sent = 0;
      for (const { ticket, reply, attempts } of await ctx.store.tickets.listOwedEmails(
        50,
        MAX_EMAIL_ATTEMPTS,
      )) {
        if (!ticket.email || !(await ctx.store.tickets.claimEmail(reply.id, attempts))) continue;
        const workspace = await ctx.store.workspaces.findById(ticket.workspaceId);
        try {
          await transport.sendMail({
            from: smtp.from,
            to: ticket.email,
            ...replyEmail(ticket, reply, workspace?.name ?? 'Tandem'),
          });
          await ctx.store.tickets.finishEmail(reply.id, { sent: true });
          sent++;
          // staff see that it went out
          ctx.events.publish('ticket.updated', { ticket });
        } catch (error) {
          const final = attempts + 1 >= MAX_EMAIL_ATTEMPTS;
          await ctx.store.tickets.finishEmail(reply.id, {
            sent: false,
            error: error instanceof Error ? error.message : 'unknown error',
            final,
          });
          // the SMTP answer may quote the address: only its code is logged
          const code =
            (error as { responseCode?: number; code?: string }).responseCode ??
            (error as { code?: string }).code;
          ctx.log.warn({ code, replyId: reply.id, final }, 'ticket reply e-mail failed');
        }
      }
      return sent;
    },
    close() {
      transport.close();
    },
  };
}
