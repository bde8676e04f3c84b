import { type QueueStatus, ticketCreateSchema, type WidgetConversation } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import {
  checkTicket,
  leaveOffer,
  localeFor,
  offersLeave,
  problemText,
  refusalProblems,
  type TicketDraft,
} from './ticket.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const draft = (fields: Partial<TicketDraft>): TicketDraft => ({
  name: '',
  email: '',
  phone: '',
  message: '',
  ...fields,
});

describe('checking the form to leave a message', () => {
  it('asks for an e-mail address or a phone number, and for the message, in the customer’s language', () => {
    const { payload, problems } = checkTicket(draft({ name: 'Amy' }));
    expect(payload).toBeNull();
    expect(Object.keys(problems).sort()).toEqual(['contact', 'message']);
    expect(problemText('zh', problems.contact)).toBe('请填写邮箱或电话');
    expect(problemText('en', problems.contact)).toBe('Please give an e-mail or a phone number');
    expect(problemText('zh', problems.message)).toBe('请填写留言内容');
    expect(problemText('en', problems.message)).toBe('Please write your message');
    // spaces alone are nothing
    expect(
      Object.keys(checkTicket(draft({ email: '  ', phone: ' ', message: ' \n ' })).problems).sort(),
    ).toEqual(['contact', 'message']);
  });

  it('sends trimmed values, leaving out the empty ones', () => {
    expect(checkTicket(draft({ email: ' amy@example.com ', message: ' Where is my parcel? ' }))).toEqual({
      payload: { email: 'amy@example.com', message: 'Where is my parcel?' },
      problems: {},
    });
    expect(
      checkTicket(draft({ name: ' 王小明 ', phone: '138 0013 8000', email: 'w@example.cn', message: '退款' }))
        .payload,
    ).toEqual({ name: '王小明', phone: '138 0013 8000', email: 'w@example.cn', message: '退款' });
  });

  it('says what is wrong with an e-mail address or a phone number', () => {
    const email = checkTicket(draft({ email: 'amy@example', message: 'hi' })).problems;
    expect(Object.keys(email)).toEqual(['email']);
    expect(problemText('zh', email.email)).toBe('邮箱格式不对，例如 name@example.com');
    expect(problemText('en', email.email)).toBe('Not an e-mail address like name@example.com');
    for (const phone of ['12345', '1234567890123456', 'call me', '(010) 6552 9988', '138+0013']) {
      const problems = checkTicket(draft({ phone, message: 'hi' })).problems;
      expect(Object.keys(problems), phone).toEqual(['phone']);
      expect(problemText('zh', problems.phone)).toBe('电话应为 6–15 位数字，例如 138 0013 8000');
      expect(problemText('en', problems.phone)).toBe('A phone number has 6–15 digits, like +44 20 7946 0958');
    }
    // one good way to reach them is enough, but a bad one is still said
    expect(
      Object.keys(checkTicket(draft({ email: 'x', phone: '13800138000', message: 'hi' })).problems),
    ).toEqual(['email']);
  });

  it('keeps the name and the message within the server’s limits', () => {
    const problems = checkTicket(
      draft({ name: 'n'.repeat(81), email: 'a@b.co', message: 'm'.repeat(4001) }),
    ).problems;
    expect(problemText('zh', problems.name)).toBe('最多 80 字');
    expect(problemText('en', problems.message)).toBe('At most 4000 characters');
    expect(
      checkTicket(draft({ name: 'n'.repeat(80), email: 'a@b.co', message: 'm'.repeat(4000) })).payload,
    ).not.toBeNull();
  });

  it('agrees with the server on what it accepts', () => {
    const emails = [
      'amy@example.com',
      'a.b+tag@mail.example.co.uk',
      "o'neil@example.ie",
      'x_y-z@sub-domain.example.org',
      'amy@example',
      'amy@@example.com',
      '.amy@example.com',
      'amy.@example.com',
      'amy..b@example.com',
      'amy@-example.com',
      'amy@example.c',
      'amy example@example.com',
      '张三@example.com',
      `${'a'.repeat(190)}@example.com`,
    ];
    const phones = [
      '138 0013 8000',
      '+44 20 7946 0958',
      '010-6552-9988',
      '0755 (8888) 1234',
      '123456',
      '12345',
      '+123456789012345',
      '+1234567890123456',
      '(010) 6552 9988',
      '138-0013-8000 ext 12',
      '++8613800138000',
      '1 2 3 4 5 6',
      '1                        23456',
    ];
    const cases = [
      ...emails.map((email) => draft({ email, message: 'hello' })),
      ...phones.map((phone) => draft({ phone, message: 'hello' })),
      draft({ message: 'hello' }),
      draft({ email: 'amy@example.com' }),
      draft({ email: 'amy@example.com', message: '   ' }),
      draft({ email: 'amy@example.com', message: 'x'.repeat(4000) }),
      draft({ email: 'amy@example.com', message: 'x'.repeat(4001) }),
      draft({ name: 'n'.repeat(80), email: 'amy@example.com', message: 'hello' }),
      draft({ name: 'n'.repeat(81), email: 'amy@example.com', message: 'hello' }),
    ];
    for (const input of cases) {
      const server = ticketCreateSchema.safeParse(input);
      const widget = checkTicket(input);
      expect(widget.payload !== null, JSON.stringify(input)).toBe(server.success);
      if (server.success) expect(widget.payload).toEqual(server.data);
      else {
        // the same fields are at fault (the server puts "neither e-mail nor phone" on the e-mail)
        const paths = new Set(server.error.issues.map((issue) => String(issue.path[0])));
        const fields = new Set(
          Object.keys(widget.problems).map((field) => (field === 'contact' ? 'email' : field)),
        );
        expect(fields, JSON.stringify(input)).toEqual(paths);
      }
    }
  });
});

describe('what the server refused', () => {
  it('shows the server’s own words for a validation', () => {
    const detailed = refusalProblems({
      code: 'validation_failed',
      message: 'invalid payload: phone: a phone number has 6 to 15 digits',
      details: [{ path: 'phone', message: 'a phone number has 6 to 15 digits' }],
    });
    expect(problemText('zh', detailed.form)).toBe('a phone number has 6 to 15 digits');
    const plain = refusalProblems({
      code: 'validation_failed',
      message: 'leave an e-mail address or a phone number so we can reply',
    });
    expect(problemText('en', plain.form)).toBe('leave an e-mail address or a phone number so we can reply');
  });

  it('explains other failures in the customer’s language', () => {
    expect(problemText('zh', refusalProblems({ code: 'network', message: 'no acknowledgement' }).form)).toBe(
      '网络不稳定，消息没有发出去',
    );
    expect(problemText('en', refusalProblems({ code: 'rate_limited', message: 'slow down' }).form)).toBe(
      "You're sending too fast; please wait a moment and try again",
    );
    expect(problemText('en', refusalProblems({ code: 'internal', message: 'oops' }).form)).toBe(
      'Something went wrong; please try again',
    );
  });
});

describe('where leaving a message is offered', () => {
  const conversation = (status: WidgetConversation['status']): WidgetConversation => ({
    id: A,
    status,
    agentName: null,
    rated: false,
    ratable: false,
  });
  const queue = (agentsOnline: number, conversationId = A): QueueStatus => ({
    conversationId,
    position: 1,
    estimatedWaitSeconds: agentsOnline > 0 ? 60 : null,
    agentsOnline,
  });

  it('only while the customer waits in the queue, and not while the form is open', () => {
    expect(leaveOffer(null, null, false)).toBeNull();
    for (const status of ['bot', 'assigned', 'resolved', 'closed'] as const) {
      expect(leaveOffer(conversation(status), queue(0), false)).toBeNull();
    }
    expect(leaveOffer(conversation('queued'), queue(0), true)).toBeNull();
    expect(leaveOffer(conversation('queued'), null, false)).toEqual({ conversation: A, queueLine: false });
  });

  it('on the queue line only while it says nobody is online; nowhere once it says someone is', () => {
    expect(leaveOffer(conversation('queued'), queue(0), false)).toEqual({ conversation: A, queueLine: true });
    // an agent came online after the "nobody online" notice: they are about to be served
    expect(leaveOffer(conversation('queued'), queue(2), false)).toBeNull();
    // the line of another (older) conversation says nothing about this one
    expect(leaveOffer(conversation('queued'), queue(2, B), false)).toEqual({
      conversation: A,
      queueLine: false,
    });
    expect(leaveOffer(conversation('queued'), queue(0, B), false)).toEqual({
      conversation: A,
      queueLine: false,
    });
  });

  it('on the "nobody online" and "closed" notices', () => {
    expect(offersLeave({ code: 'no_agents' })).toBe(true);
    expect(offersLeave({ code: 'closed_hours', opensAt: '2025-06-03T01:00:00.000Z' })).toBe(true);
    for (const code of ['queued', 'still_queued', 'ticket_created', 'agent_left'] as const) {
      expect(offersLeave({ code })).toBe(false);
    }
    expect(offersLeave(null)).toBe(false);
  });
});

describe('the locale of dates and times', () => {
  it('is Chinese for Chinese, and the browser’s English (or plain English) otherwise', () => {
    expect(localeFor('zh')).toBe('zh-CN');
    expect(localeFor('en')).toMatch(/^en/);
  });
});
