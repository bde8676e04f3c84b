import { describe, expect, it } from 'vitest';
import { authorLabel, noticeText } from './messages.ts';

describe('system notices and author labels', () => {
  it('renders every notice code in both languages', () => {
    const codes = [
      'queued',
      'agent_joined',
      'resolved',
      'reopened',
      'released',
      'transferred',
      'agent_left',
      'back_to_bot',
      'still_queued',
      'auto_closed',
      'no_agents',
      'closed_hours',
      'ticket_created',
      'expert_joined',
    ] as const;
    for (const code of codes) {
      const zh = noticeText('zh', { code, agentName: '小王' });
      const en = noticeText('en', { code, agentName: 'Amy' });
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toContain('{');
    }
    expect(noticeText('zh', { code: 'agent_joined', agentName: '小王' })).toBe('客服 小王 已加入对话');
    expect(noticeText('en', { code: 'agent_joined', agentName: 'Amy' })).toBe('Amy has joined the chat');
    expect(noticeText('en', { code: 'agent_joined' })).toBe('A person has joined the chat');
  });

  it('renders transfers, an agent going offline, the bot taking over, asking again and closing', () => {
    expect(noticeText('zh', { code: 'transferred', agentName: '李娜' })).toBe('已为您转接至 李娜');
    expect(noticeText('en', { code: 'transferred', teamName: 'Payments' })).toBe(
      "You've been transferred to Payments",
    );
    // a person's name wins over the team's; without either, "another agent"
    expect(noticeText('en', { code: 'transferred', agentName: 'Li Na', teamName: 'Payments' })).toBe(
      "You've been transferred to Li Na",
    );
    expect(noticeText('zh', { code: 'transferred', agentName: ' ' })).toBe('已为您转接给其他客服');
    expect(noticeText('en', { code: 'transferred' })).toBe("You've been transferred to another agent");
    expect(noticeText('zh', { code: 'agent_left' })).toBe('客服已离线，已为您保留排队位置');
    expect(noticeText('en', { code: 'agent_left' })).toBe(
      'The agent went offline; you keep your place in the queue',
    );
    expect(noticeText('zh', { code: 'back_to_bot' })).toBe('已转回智能助手为您服务');
    expect(noticeText('en', { code: 'back_to_bot' })).toBe('The assistant is helping you again');
    expect(noticeText('zh', { code: 'still_queued', position: 2 })).toBe('您已在排队中，请稍候');
    expect(noticeText('en', { code: 'still_queued' })).toBe("You're already in the queue, please wait");
    expect(noticeText('zh', { code: 'auto_closed' })).toBe('对话长时间无新消息，已自动结束');
    expect(noticeText('en', { code: 'auto_closed' })).toBe('This chat was closed for inactivity');
  });

  it('says nobody is online, that it is closed (and when it opens), a message left and an expert joining', () => {
    expect(noticeText('zh', { code: 'no_agents' })).toBe('暂无客服在线，您可以稍候或留言');
    expect(noticeText('en', { code: 'no_agents' })).toBe(
      'Nobody is available right now. You can wait or leave a message',
    );
    // the opening time in the customer's time zone and locale: tomorrow, a weekday, a date
    const now = new Date(2025, 5, 2, 20, 15); // Monday 2 June 2025, 20:15 local time
    const at = (day: number, hour: number, minute = 0) => new Date(2025, 5, day, hour, minute).toISOString();
    const closed = (lang: 'zh' | 'en', opensAt?: string, locale = lang === 'zh' ? 'zh-CN' : 'en-GB') =>
      noticeText(lang, { code: 'closed_hours', ...(opensAt ? { opensAt } : {}) }, now, locale);
    expect(closed('zh', at(3, 9))).toBe('现在是非工作时间（明天 09:00 上班），您可以留言');
    expect(closed('en', at(3, 9))).toBe("We're closed now (back tomorrow 09:00). You can leave a message");
    expect(closed('en', at(3, 9, 30), 'en-US')).toBe(
      "We're closed now (back tomorrow 09:30 AM). You can leave a message",
    );
    expect(closed('zh', at(2, 22))).toBe('现在是非工作时间（今天 22:00 上班），您可以留言');
    expect(closed('zh', at(5, 8, 30))).toBe('现在是非工作时间（星期四 08:30 上班），您可以留言');
    expect(closed('en', at(5, 8, 30))).toBe(
      "We're closed now (back Thursday 08:30). You can leave a message",
    );
    expect(closed('zh', at(12, 9))).toBe('现在是非工作时间（6月12日 09:00 上班），您可以留言');
    expect(closed('en', at(12, 9))).toBe("We're closed now (back 12 June 09:00). You can leave a message");
    // unknown, unreadable or already past: no time
    for (const opensAt of [undefined, 'soon', at(2, 8)]) {
      expect(closed('zh', opensAt)).toBe('现在是非工作时间，您可以留言');
      expect(closed('en', opensAt)).toBe("We're closed now. You can leave a message");
    }
    expect(noticeText('zh', { code: 'ticket_created' })).toBe(
      '留言已收到，客服会在这里回复您（留了邮箱的也会发邮件）',
    );
    expect(noticeText('en', { code: 'ticket_created' })).toBe(
      "Message received. We'll reply here (and by e-mail, if you left one)",
    );
    expect(noticeText('zh', { code: 'expert_joined', agentName: '陈专家' })).toBe(
      '专家 陈专家 已加入，协助为您解答',
    );
    expect(noticeText('en', { code: 'expert_joined', agentName: 'Dr Lee' })).toBe(
      'Dr Lee, an expert, has joined to help',
    );
    expect(noticeText('en', { code: 'expert_joined' })).toBe('A person has joined the chat');
  });

  it('leaves a code from a newer server to the message text (empty)', () => {
    expect(noticeText('en', { code: 'brand_new' } as unknown as Parameters<typeof noticeText>[1])).toBe('');
  });

  it('names the bot in the reader language and agents by their name', () => {
    expect(authorLabel('zh', 'bot', null)).toBe('智能助手');
    expect(authorLabel('en', 'bot', 'TandemBot')).toBe('Assistant');
    expect(authorLabel('en', 'agent', 'Amy')).toBe('Amy');
    expect(authorLabel('zh', 'agent', ' ')).toBe('客服');
  });
});
