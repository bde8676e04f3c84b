import type { zhScreens } from './zhScreens.ts';

/** English for the older screens moved onto Ant Design (tickets, knowledge list and editor, transfer, offers, handoff packet, search, the phone layout): exactly the Chinese keys. */
export const enScreens: Record<keyof typeof zhScreens, string> = {
  'tickets.keptDraft': 'Your reply is still here: change it or send it again.',
  'handoff.intent': 'Understood as',
  'handoff.answered': 'The bot answered',
  'handoff.copy': 'Copy the whole summary',
  'handoff.copied': 'Copied',
  'handoff.needs': 'Still needs',
  'handoff.reason': 'Why a person',
  'handoff.to': 'sent to {to}',
  'handoff.flow.waiting': 'flow in progress',
  'handoff.flow.ended': 'flow finished',
  'handoff.flow.cancelled': 'flow cancelled',
  'handoff.flow.handover': 'flow handed over',
  'handoff.flow.digressed': 'flow interrupted',
  'handoff.flow.failed': 'flow failed',
  'handoff.escalation.high_anger': 'strong anger',
  'handoff.escalation.urgency': 'urgency',
  'handoff.escalation.complaint': 'a complaint',
  'handoff.escalation.threat_to_leave': 'threatening to leave',
  'handoff.escalation.public_complaint': 'threatening to go public',
  'handoff.escalation.distress': 'distress',
  'handoff.escalation.repeated_frustration': 'repeated frustration',
  'handoff.escalation.emotion': 'strong feelings',
  'search.hint':
    'Find conversations by text, customer, tag, agent, status or date; click a result to open it.',
  'search.anyone': 'Anyone',
  'search.anyStatus': 'Any status',
  'search.from': 'From',
  'search.to': 'To',
  'search.datePlaceholder': 'Pick a date',
};
