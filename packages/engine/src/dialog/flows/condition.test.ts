import { describe, expect, it } from 'vitest';
import { evaluate } from './condition.ts';

const scope = { order: { status: 'shipped', total: 120 }, slots: { qty: '3' }, attributes: { vipLevel: 2 } };

describe('conditions', () => {
  it('compares with eq, neq, in and exists', () => {
    expect(evaluate({ var: 'order.status', op: 'eq', value: 'shipped' }, scope)).toBe(true);
    expect(evaluate({ var: 'order.status', op: 'neq', value: 'shipped' }, scope)).toBe(false);
    expect(evaluate({ var: 'order.status', op: 'in', value: ['paid', 'shipped'] }, scope)).toBe(true);
    expect(evaluate({ var: 'order.carrier', op: 'exists' }, scope)).toBe(false);
    expect(evaluate({ var: 'attributes.vipLevel', op: 'eq', value: '2' }, scope)).toBe(true);
  });

  it('compares numbers, reading numeric strings', () => {
    expect(evaluate({ var: 'order.total', op: 'gt', value: 100 }, scope)).toBe(true);
    expect(evaluate({ var: 'slots.qty', op: 'lt', value: 5 }, scope)).toBe(true);
    expect(evaluate({ var: 'order.status', op: 'gt', value: 1 }, scope)).toBe(false);
    expect(evaluate({ var: 'order.total', op: 'gte', value: 120 }, scope)).toBe(true);
    expect(evaluate({ var: 'order.total', op: 'lte', value: 119 }, scope)).toBe(false);
  });

  it('combines with all, any and not', () => {
    const shippedBig = {
      all: [
        { var: 'order.status', op: 'eq' as const, value: 'shipped' },
        { var: 'order.total', op: 'gt' as const, value: 100 },
      ],
    };
    expect(evaluate(shippedBig, scope)).toBe(true);
    expect(evaluate({ not: shippedBig }, scope)).toBe(false);
    expect(
      evaluate(
        {
          any: [
            { var: 'x', op: 'exists' },
            { var: 'order.status', op: 'eq', value: 'paid' },
          ],
        },
        scope,
      ),
    ).toBe(false);
  });

  it('never reaches into prototypes', () => {
    expect(evaluate({ var: 'order.constructor', op: 'exists' }, scope)).toBe(false);
  });
});
