import { describe, expect, it } from 'vitest';
import { cannedReplyBodySchema, cannedShortcutSchema } from './cannedReplies.ts';
import {
  fillReplyVariables,
  replyVariableMap,
  replyVariableNames,
  replyVariablesIn,
} from './replyVariables.ts';

const values = new Map([
  ['customer.name', '张三'],
  ['order.number', 'TM202503010001'],
  ['agent.name', 'Li Na 李娜'],
  ['workspace.name', '同行优选 Tandem Market'],
]);

describe('fillReplyVariables', () => {
  it('fills known variables, in Chinese and English text', () => {
    expect(fillReplyVariables('您好 {customer.name}，订单 {order.number} 已退款。', values)).toBe(
      '您好 张三，订单 TM202503010001 已退款。',
    );
    expect(fillReplyVariables('Hi {customer.name}, I am {agent.name} from {workspace.name}.', values)).toBe(
      'Hi 张三, I am Li Na 李娜 from 同行优选 Tandem Market.',
    );
    expect(fillReplyVariables('{ customer.name }/{customer.name}', values)).toBe('张三/张三');
  });

  it('leaves unknown, missing and blank variables as typed', () => {
    const blank = new Map([...values, ['customer.email', '  ']]);
    expect(fillReplyVariables('{customer.email} {customer.phone}', blank)).toBe(
      '{customer.email} {customer.phone}',
    );
    expect(
      fillReplyVariables('{customer.age} {Customer.Name} {customer} {customer.name.first}', values),
    ).toBe('{customer.age} {Customer.Name} {customer} {customer.name.first}');
    // a value keyed by an unknown name is not used either
    expect(fillReplyVariables('{foo.bar}', new Map([['foo.bar', 'x']]))).toBe('{foo.bar}');
    // keys that are properties of every object are just unknown names
    const proto = new Map([
      ['constructor', 'x'],
      ['__proto__', 'y'],
    ]);
    expect(fillReplyVariables('{constructor} {__proto__} {toString.call}', proto)).toBe(
      '{constructor} {__proto__} {toString.call}',
    );
  });

  it('fills in one pass: a value is never read as a variable or a replacement pattern', () => {
    const tricky = new Map([
      ['customer.name', '{agent.name}'],
      ['agent.name', "$& $1 $$ $` $'"],
    ]);
    expect(fillReplyVariables('{customer.name}|{agent.name}', tricky)).toBe("{agent.name}|$& $1 $$ $` $'");
  });

  it('lists the variables a reply uses, and builds the map from a response', () => {
    expect(replyVariablesIn('{order.number} {customer.name} {order.number} {x.y}')).toEqual([
      'order.number',
      'customer.name',
    ]);
    const map = replyVariableMap([
      { name: 'customer.name', value: '张三' },
      { name: 'customer.email', value: null },
    ]);
    expect([...map]).toEqual([['customer.name', '张三']]);
  });

  it('holds its properties on random input (seeded fuzz)', () => {
    let seed = 20250301;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pieces = [
      ...replyVariableNames.map((name) => `{${name}}`),
      '{',
      '}',
      '{customer.',
      '{unknown.name}',
      '$&',
      '退款',
      'refund ',
      '😀',
      '\n',
      '{{agent.name}}',
    ];
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
    for (let run = 0; run < 500; run++) {
      const body = Array.from({ length: Math.floor(random() * 12) }, () => pick(pieces)).join('');
      const filled = new Map(
        replyVariableNames
          .filter(() => random() < 0.5)
          .map((name) => [name, pick(['张三', 'x$&y', '{agent.name}'])]),
      );
      // nothing to fill: unchanged
      expect(fillReplyVariables(body, new Map())).toBe(body);
      const out = fillReplyVariables(body, filled);
      // the known variables with a value are gone unless a value brought them back; the rest stays
      for (const name of replyVariableNames) {
        if (!filled.has(name) && body.includes(`{${name}}`)) expect(out).toContain(`{${name}}`);
      }
      // with values free of braces: every filled variable is gone, and filling again changes nothing
      const plain = new Map([...filled].filter(([, value]) => !value.includes('{')));
      const once = fillReplyVariables(body, plain);
      for (const name of plain.keys()) expect(once).not.toContain(`{${name}}`);
      expect(fillReplyVariables(once, plain)).toBe(once);
    }
  });
});

describe('canned reply input', () => {
  it('takes shortcuts of letters in any script, digits, "_" and "-"', () => {
    for (const ok of ['refund', '退款', 'vip_2', 'après-vente', 'constructor', '__proto__'])
      expect(cannedShortcutSchema.safeParse(ok).success).toBe(true);
    for (const bad of ['', 'two words', '/refund', 'a'.repeat(33), 'emoji😀', 'a.b', '退款！'])
      expect(cannedShortcutSchema.safeParse(bad).success).toBe(false);
    expect(cannedShortcutSchema.parse('  退款 ')).toBe('退款');
  });

  it('requires a team for a team reply and refuses one otherwise', () => {
    const base = { shortcut: 'hi', title: 'Hi', body: 'Hello {customer.name}' };
    expect(cannedReplyBodySchema.safeParse({ ...base, scope: 'team' }).success).toBe(false);
    expect(
      cannedReplyBodySchema.safeParse({ ...base, scope: 'workspace', teamId: crypto.randomUUID() }).success,
    ).toBe(false);
    expect(cannedReplyBodySchema.parse({ ...base, scope: 'personal' })).toMatchObject({ lang: null });
    expect(
      cannedReplyBodySchema.safeParse({ ...base, scope: 'personal', body: 'x'.repeat(2001) }).success,
    ).toBe(false);
    expect(
      cannedReplyBodySchema.safeParse({ ...base, scope: 'personal', title: 'x'.repeat(81) }).success,
    ).toBe(false);
  });
});
