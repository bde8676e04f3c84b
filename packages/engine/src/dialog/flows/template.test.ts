import { describe, expect, it } from 'vitest';
import { parseTemplate, renderTemplate, renderValue } from './template.ts';

const scope = {
  order: { status: 'shipped', items: [{ name: '保温杯' }, { name: '雨伞' }], count: 2 },
  slots: { orderNo: '202611230001', note: '<b>急</b><script>alert(1)</script>' },
  attributes: { vipLevel: 3 },
  tags: ['a', 'b'],
};

describe('templates', () => {
  it('fills variables, slots, attributes and lists', () => {
    expect(renderTemplate('订单 {{slots.orderNo}}：{{ order.status }}', scope, 'zh')).toBe(
      '订单 202611230001：shipped',
    );
    expect(renderTemplate('VIP {{attributes.vipLevel}}, {{order.count}} items', scope, 'en')).toBe(
      'VIP 3, 2 items',
    );
    expect(renderTemplate('{{order.items.*.name}}', scope, 'zh')).toBe('保温杯、雨伞');
    expect(renderTemplate('{{tags}}', scope, 'en')).toBe('a, b');
    expect(renderTemplate('{{order.items.0.name}}', scope, 'en')).toBe('保温杯');
  });

  it('shows a name given in both languages in the reply language only', () => {
    const order = {
      carrier: { zh: '顺丰速运', en: 'SF Express' },
      items: [{ name: { zh: '保温杯', en: 'Thermos Bottle' } }, { name: { zh: '雨伞', en: 'Umbrella' } }],
      note: { en: 'English only' },
    };
    expect(renderTemplate('{{order.carrier}}：{{order.items.*.name}}', { order }, 'zh')).toBe(
      '顺丰速运：保温杯、雨伞',
    );
    expect(renderTemplate('{{order.carrier}}: {{order.items.*.name}}', { order }, 'en')).toBe(
      'SF Express: Thermos Bottle, Umbrella',
    );
    // one language given: shown in that one; any other object stays empty
    expect(renderTemplate('{{order.note}}', { order }, 'zh')).toBe('English only');
    expect(renderTemplate('[{{order.x}}]', { order: { x: { zh: '甲', fr: 'a' } } }, 'en')).toBe('[]');
  });

  it('leaves missing values and whole objects empty', () => {
    expect(renderTemplate('[{{nothing.here}}][{{order}}]', scope, 'en')).toBe('[][]');
  });

  it('never interprets HTML: markup in values and in templates stays literal text', () => {
    expect(renderTemplate('备注：{{slots.note}}', scope, 'zh')).toBe(
      '备注：<b>急</b><script>alert(1)</script>',
    );
    expect(renderTemplate('<i>{{order.status}}</i>', scope, 'en')).toBe('<i>shipped</i>');
  });

  it('does not reach into prototypes', () => {
    expect(renderTemplate('{{order.constructor}}{{order.__proto__}}{{tags.map}}', scope, 'en')).toBe('');
  });

  it('encodes values (not the template) when asked, for URLs', () => {
    const url = renderTemplate('/orders/{{q}}?x=1', { q: 'a/b c?d' }, 'en', encodeURIComponent);
    expect(url).toBe('/orders/a%2Fb%20c%3Fd?x=1');
  });

  it('keeps the type of a lone {{path}} in JSON values', () => {
    expect(
      renderValue({ n: '{{order.count}}', s: 'n={{order.count}}', list: ['{{tags}}'] }, scope, 'en'),
    ).toEqual({
      n: 2,
      s: 'n=2',
      list: [['a', 'b']],
    });
  });

  it('reports malformed templates', () => {
    expect(parseTemplate('{{a')).toHaveProperty('problem');
    expect(parseTemplate('{{a b}}')).toHaveProperty('problem');
    expect(parseTemplate('}} fine {')).toEqual({ parts: [{ text: '}} fine {' }] });
  });
});
