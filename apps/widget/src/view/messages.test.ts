import { describe, expect, it } from 'vitest';
import { authorLabel, noticeText } from './messages.ts';

describe('system notices and author labels', () => {
  it('renders every notice code in both languages', () => {
    const codes = ['queued', 'agent_joined', 'resolved', 'reopened', 'released'] as const;
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

  it('names the bot in the reader language and agents by their name', () => {
    expect(authorLabel('zh', 'bot', null)).toBe('智能助手');
    expect(authorLabel('en', 'bot', 'TandemBot')).toBe('Assistant');
    expect(authorLabel('en', 'agent', 'Amy')).toBe('Amy');
    expect(authorLabel('zh', 'agent', ' ')).toBe('客服');
  });
});
