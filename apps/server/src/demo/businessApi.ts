import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * A small stand-in for a shop's business systems (orders, tickets, card bills, accounts), served under
 * /demo-api so the demo flows have something real to call over HTTP. Data lives in memory and is reset on
 * restart: it plays the company's system, not Tandem's storage.
 */

type OrderStatus = 'pending_payment' | 'paid' | 'shipped' | 'delivered' | 'cancelled';
interface Order {
  orderNo: string;
  customerId: string;
  status: OrderStatus;
  /** names come in both languages, as a shop's catalogue has them: the bot picks the reply's */
  carrier?: Bilingual;
  trackingNo?: string;
  eta?: string;
  address: { name: string; phone: string; line: string };
  items: Array<{ name: Bilingual; qty: number }>;
}
type Bilingual = { zh: string; en: string };

const seedOrders = (): Order[] => [
  {
    orderNo: '202611230001',
    customerId: 'C1001',
    status: 'shipped',
    carrier: { zh: '顺丰速运', en: 'SF Express' },
    trackingNo: 'SF1234567890',
    eta: '2026-11-25',
    address: { name: '陈先生', phone: '138****8000', line: '上海市浦东新区世纪大道 100 号' },
    items: [{ name: { zh: '无线降噪耳机', en: 'Wireless ANC Headphones' }, qty: 1 }],
  },
  {
    orderNo: '202611230002',
    customerId: 'C1001',
    status: 'paid',
    address: { name: '陈先生', phone: '138****8000', line: '上海市浦东新区世纪大道 100 号' },
    items: [{ name: { zh: '保温杯', en: 'Thermos Bottle' }, qty: 2 }],
  },
  {
    orderNo: '202611230003',
    customerId: 'C1001',
    status: 'delivered',
    carrier: { zh: '京东物流', en: 'JD Logistics' },
    trackingNo: 'JD0098765432',
    address: { name: '陈先生', phone: '138****8000', line: '上海市浦东新区世纪大道 100 号' },
    items: [{ name: { zh: '机械键盘', en: 'Mechanical Keyboard' }, qty: 1 }],
  },
];

const orderNoSchema = z.object({ orderNo: z.string().regex(/^\d{12}$/) });
const addressSchema = z.object({
  line: z.string().trim().min(4).max(200),
  name: z.string().trim().min(1).max(50).optional(),
  phone: z.string().trim().min(5).max(30).optional(),
});
const ticketSchema = z.object({
  kind: z.enum(['return', 'refund']),
  orderNo: z.string().regex(/^\d{12}$/),
  reason: z.string().trim().min(1).max(500),
  customerId: z.string().max(64).optional(),
});
const verifySchema = z.object({
  customerId: z.string().min(1).max(64),
  last4: z.string().regex(/^\d{4}$/),
  otp: z.string().regex(/^\d{4,6}$/),
});
const resetSchema = z
  .object({ phone: z.string().min(5).max(30).optional(), email: z.email().optional() })
  .refine((v) => v.phone || v.email, 'phone or email is required');

/** The demo customer's card: last four digits, and the current one-time code shown on the demo page. */
export interface DemoBusinessState {
  orders: Map<string, Order>;
  tickets: Array<{ ticketId: string; kind: string; orderNo: string; reason: string; status: 'open' }>;
  card: { customerId: string; last4: string; otp: string; otpExpiresAt: number };
  tokens: Map<string, { customerId: string; expiresAt: number }>;
}

/** `fixedOtp` pins the one-time code (transcript tests); otherwise it is random and shown on the demo page. */
export function createDemoBusinessState(options: { fixedOtp?: string } = {}): DemoBusinessState {
  return {
    orders: new Map(seedOrders().map((o) => [o.orderNo, o])),
    tickets: [],
    card: {
      customerId: 'C1001',
      last4: '6688',
      otp: options.fixedOtp ?? newOtp(),
      otpExpiresAt: options.fixedOtp ? Number.MAX_SAFE_INTEGER : Date.now() + 10 * 60_000,
    },
    tokens: new Map(),
  };
}

const newOtp = () => String(randomInt(100000, 1000000));

/** How the demo shop's backend signs a customer id for the widget (null: no demo workspace to sign for). */
export interface DemoIdentitySigner {
  sign(customerId: string): Promise<string | null>;
}

/**
 * Each visitor of the public demo is their own customer (`C1001.v` + 8 hex digits, made by the demo page),
 * so visitors' conversations are never joined as one customer's; they all share the sample customer's
 * orders and card. A real shop has one id per customer.
 */
export const DEMO_VISITOR_ID = /^([A-Z]\d{4})\.v[0-9a-f]{8}$/;
export const demoOwner = (customerId: string): string => DEMO_VISITOR_ID.exec(customerId)?.[1] ?? customerId;

/** The demo shop's known customers: those with orders or the card. */
const knownCustomers = (state: DemoBusinessState): Set<string> =>
  new Set([state.card.customerId, ...[...state.orders.values()].map((order) => order.customerId)]);

export function demoBusinessApi(
  app: FastifyInstance,
  state: DemoBusinessState,
  identity?: DemoIdentitySigner,
): void {
  const bad = (message: string) => ({ error: message });

  if (identity) {
    // the shop's backend signing its signed-in customer for the widget (a real shop does this server-side
    // for the logged-in user only; the demo page stands for "C1001 is signed in", one per visitor)
    app.get('/demo-api/identity/:customerId', async (request, reply) => {
      const params = z.object({ customerId: z.string().max(64) }).safeParse(request.params);
      if (!params.success || !knownCustomers(state).has(demoOwner(params.data.customerId)))
        return reply.status(404).send(bad('customer not found'));
      const signature = await identity.sign(params.data.customerId);
      if (!signature) return reply.status(404).send(bad('no demo workspace'));
      reply.header('cache-control', 'no-store');
      return { customerId: params.data.customerId, signature };
    });
  }

  app.get('/demo-api/orders/:orderNo', async (request, reply) => {
    const params = orderNoSchema.safeParse(request.params);
    if (!params.success) return reply.status(400).send(bad('order number must be 12 digits'));
    const order = state.orders.get(params.data.orderNo);
    if (!order) return reply.status(404).send(bad('order not found'));
    return order;
  });

  app.post('/demo-api/orders/:orderNo/address', async (request, reply) => {
    const params = orderNoSchema.safeParse(request.params);
    const body = addressSchema.safeParse(request.body);
    if (!params.success || !body.success) return reply.status(400).send(bad('invalid address change'));
    const order = state.orders.get(params.data.orderNo);
    if (!order) return reply.status(404).send(bad('order not found'));
    if (order.status === 'shipped' || order.status === 'delivered')
      return reply.status(409).send(bad('already_shipped'));
    order.address = { ...order.address, ...body.data };
    return { ok: true, address: order.address };
  });

  app.post('/demo-api/tickets', async (request, reply) => {
    const body = ticketSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send(bad('invalid ticket'));
    if (!state.orders.has(body.data.orderNo)) return reply.status(404).send(bad('order not found'));
    const ticket = {
      ticketId: `T${Date.now().toString().slice(-8)}`,
      kind: body.data.kind,
      orderNo: body.data.orderNo,
      reason: body.data.reason,
      status: 'open' as const,
    };
    state.tickets.push(ticket);
    return reply.status(201).send(ticket);
  });

  // shown on the demo page so a visitor can pass the identity check
  app.get('/demo-api/card/otp', async () => {
    if (state.card.otpExpiresAt < Date.now()) {
      state.card.otp = newOtp();
      state.card.otpExpiresAt = Date.now() + 10 * 60_000;
    }
    return { customerId: state.card.customerId, last4: state.card.last4, otp: state.card.otp };
  });

  app.post('/demo-api/card/verify', async (request, reply) => {
    const body = verifySchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send(bad('invalid verification request'));
    const { card } = state;
    const ok =
      demoOwner(body.data.customerId) === card.customerId &&
      body.data.last4 === card.last4 &&
      body.data.otp === card.otp &&
      card.otpExpiresAt >= Date.now();
    if (!ok) return reply.status(401).send({ verified: false });
    const token = randomBytes(16).toString('hex');
    state.tokens.set(token, { customerId: card.customerId, expiresAt: Date.now() + 10 * 60_000 });
    return { verified: true, token };
  });

  app.get('/demo-api/card/bill', async (request, reply) => {
    const token = z.object({ token: z.string().max(64) }).safeParse(request.query);
    const session = token.success ? state.tokens.get(token.data.token) : undefined;
    if (!session || session.expiresAt < Date.now()) return reply.status(401).send(bad('verify first'));
    return {
      statementDate: '2026-11-05',
      dueDate: '2026-11-25',
      amount: 3280.5,
      minimumPayment: 328.05,
      currency: 'CNY',
    };
  });

  app.post('/demo-api/password-reset', async (request, reply) => {
    const body = resetSchema.safeParse(request.body);
    if (!body.success) return reply.status(400).send(bad('phone or email is required'));
    if (body.data.phone) {
      const digits = body.data.phone.replace(/\D/g, '');
      return { sent: true, channel: 'sms', masked: `${digits.slice(0, 3)}****${digits.slice(-4)}` };
    }
    const [user = '', domain = ''] = (body.data.email ?? '').split('@');
    return { sent: true, channel: 'email', masked: `${user.slice(0, 1)}***@${domain}` };
  });
}
