import type { SystemNotice } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n.ts';
import { noticeText } from './notices.ts';

const en = (notice: SystemNotice | null, formatTime?: (iso: string) => string) =>
  noticeText(notice, 'fallback', (key, vars) => translate('en', key, vars), formatTime);
const zh = (notice: SystemNotice) => noticeText(notice, '', (key, vars) => translate('zh', key, vars));

describe('noticeText', () => {
  it('words transfers to a person, a team, or somewhere unknown', () => {
    expect(en({ code: 'transferred', agentName: 'Li Na' })).toBe('The conversation was transferred to Li Na');
    expect(en({ code: 'transferred', teamName: '售后 After-sales' })).toBe(
      'The conversation was transferred to 售后 After-sales',
    );
    // the server sends an empty name when it did not know it
    expect(en({ code: 'transferred', agentName: ' ' })).toBe('The conversation was transferred');
    expect(zh({ code: 'transferred', agentName: '李娜' })).toBe('会话已转接给 李娜');
  });

  it('words the new routing notices in both languages', () => {
    expect(en({ code: 'agent_left' })).toMatch(/went offline/);
    expect(zh({ code: 'back_to_bot' })).toBe('会话已交回机器人');
    expect(en({ code: 'still_queued', position: 3 })).toBe(
      'The customer asked for a person again (number 3 in the queue)',
    );
    expect(zh({ code: 'still_queued' })).toBe('客户再次请求人工，仍在排队');
    expect(en({ code: 'auto_closed' })).toBe('Closed automatically after a while without messages');
    expect(zh({ code: 'queued', teamName: '账单 Payments' })).toBe('客户已转入人工排队（账单 Payments）');
  });

  it('words the time business hours start again with the given formatter', () => {
    expect(en({ code: 'closed_hours', opensAt: '2025-03-02T01:00:00.000Z' }, () => '09:00')).toBe(
      'Outside business hours (open again 09:00); the customer may leave a message',
    );
    expect(en({ code: 'closed_hours' })).toBe('Outside business hours; the customer may leave a message');
  });

  it("falls back to the message's text when there is no notice", () => {
    expect(en(null)).toBe('fallback');
  });
});
