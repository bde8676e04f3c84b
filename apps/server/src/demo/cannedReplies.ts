import type { CannedReplyInput, SqlStore } from '@tandem/storage';
import { DEMO_WORKSPACE } from './seed.ts';

type DemoReply = Omit<CannedReplyInput, 'ownerUserId' | 'teamId'> & { teamKey?: string };

/** The demo shop's canned replies: the workspace's in Chinese and English, and one of the after-sales team. */
export const demoCannedReplies: DemoReply[] = [
  {
    scope: 'workspace',
    shortcut: '问候',
    title: '问候',
    body: '您好 {customer.name}，我是{workspace.name}的客服{agent.name}，很高兴为您服务！请问有什么可以帮您？',
    lang: 'zh',
  },
  {
    scope: 'workspace',
    shortcut: 'hello',
    title: 'Greeting',
    body: 'Hi {customer.name}, this is {agent.name} from {workspace.name}. How can I help you today?',
    lang: 'en',
  },
  {
    scope: 'workspace',
    shortcut: '退款',
    title: '退款到账时间',
    body: '订单 {order.number} 的退款发起后，一般 1–3 个工作日退回原支付账户；退货的订单，仓库收到商品后 48 小时内验收并发起退款。进度可以在「我的订单 → 售后」里查看。',
    lang: 'zh',
  },
  {
    scope: 'workspace',
    shortcut: 'refund',
    title: 'Refund timing',
    body: 'Once the refund for order {order.number} starts, the money normally reaches your original payment method within 1–3 business days; for returns, the warehouse inspects the item within 48 hours of receiving it first. You can follow it under My Orders → After-sales.',
    lang: 'en',
  },
  {
    scope: 'workspace',
    shortcut: '发票',
    title: '开发票',
    body: '您可以打开订单详情页，点击“申请开票”，填写抬头（个人或单位）。电子发票会在确认收货后 1–2 个工作日内开出，并发送到 {customer.email}。',
    lang: 'zh',
  },
  {
    scope: 'workspace',
    shortcut: 'thanks',
    title: '结束语 Closing',
    body: '感谢您的耐心等待，还有其他问题随时找我们！Thank you for your patience. Reach out any time if anything else comes up.',
    lang: null,
  },
  {
    scope: 'team',
    teamKey: 'aftersales',
    shortcut: '换货',
    title: '换货流程',
    body: '签收后 7 天内，同款商品可以更换尺码或颜色（需有库存）：在订单 {order.number} 的详情页点击“申请售后”，选择“换货”。我们收到寄回的商品后 48 小时内发出新商品。',
    lang: 'zh',
  },
];

/**
 * Gives the demo workspace its canned replies when it has no shared ones (first run, or an older database);
 * never adds them twice.
 */
export async function seedDemoCannedReplies(store: SqlStore): Promise<boolean> {
  const workspace = await store.workspaces.findBySlug(DEMO_WORKSPACE);
  if (!workspace || (await store.cannedReplies.hasAny(workspace.id, ['workspace', 'team']))) return false;
  const teams = await store.teams.listByWorkspace(workspace.id);
  for (const { teamKey, ...reply } of demoCannedReplies) {
    const teamId = teamKey ? (teams.find((team) => team.key === teamKey)?.id ?? null) : null;
    if (reply.scope === 'team' && !teamId) continue;
    // a reply whose shortcut is taken (made by hand meanwhile) is left out
    await store.cannedReplies.create(workspace.id, null, { ...reply, ownerUserId: null, teamId });
  }
  return true;
}
