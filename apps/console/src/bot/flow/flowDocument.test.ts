import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n.ts';
import { addNode, changeType, type FlowDoc, moveNode, removeNode, setIn } from './flowDocument.ts';
import { linksOf, renameNode } from './flowGraph.ts';
import { decodeFlow, encodeFlow } from './flowSource.ts';
import { problemText, unclaimed } from './problems.ts';

const yaml = `# Book a table: how many guests, then done.
id: book_table
name: { zh: 预订餐桌, en: Book a table }
trigger:
  examples:
    zh: [我想预订餐桌]
    en: [book a table]
start: ask_guests
owner: team-restaurants # not a flow field: the server will say so, the form must keep it
nodes:
  ask_guests:
    type: ask
    slot:
      name: guests
      entity: number
      prompt: { zh: 几位？, en: How many guests? }
      reprompt: { zh: 请发数字, en: Please send a number }
    next: done # after the answer
  done:
    type: end
    text:
      zh: "已为 {{slots.guests}} 位预订。"
      en: "Booked for {{slots.guests}}."
`;

const read = (source: string): FlowDoc => {
  const decoded = decodeFlow(source, 'yaml');
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.doc;
};

describe('the form’s document', () => {
  it('changes one value and keeps every other field, known to the form or not, in its order', () => {
    const doc = read(yaml);
    const changed = setIn(doc, ['nodes', 'done', 'text', 'en'], 'Your table for {{slots.guests}} is booked.');
    expect(Object.keys(changed)).toEqual(Object.keys(doc));
    expect(changed.owner).toBe('team-restaurants');
    expect(doc).toEqual(read(yaml)); // the original is not touched
    expect(setIn(changed, ['nodes', 'ask_guests', 'next'], undefined)).not.toHaveProperty(
      'nodes.ask_guests.next',
    );
  });

  it('adds, moves, renames and removes nodes; links follow a rename', () => {
    const { doc, id } = addNode(read(yaml), 'ask');
    expect(id).toBe('ask_1');
    expect(doc.nodes).toHaveProperty('ask_1.slot.prompt', { zh: '', en: '' });
    expect(doc.nodes).not.toHaveProperty('ask_1.next');
    const moved = moveNode(doc, 'ask_1', -1);
    expect(Object.keys(moved.nodes as object)).toEqual(['ask_guests', 'ask_1', 'done']);
    const renamed = renameNode(moved, 'ask_guests', 'how_many');
    expect(renamed.start).toBe('how_many');
    expect(Object.keys(renamed.nodes as object)).toEqual(['how_many', 'ask_1', 'done']);
    const withLink = setIn(renamed, ['nodes', 'ask_1', 'next'], 'how_many');
    const again = renameNode(withLink, 'how_many', 'guests_q');
    expect(linksOf((again.nodes as FlowDoc).ask_1)).toEqual([
      { path: ['next'], field: 'next', target: 'guests_q' },
    ]);
    expect(Object.keys(removeNode(again, 'ask_1').nodes as object)).toEqual(['guests_q', 'done']);
  });

  it('keeps the text and the next node when a node changes type', () => {
    expect(changeType({ type: 'say', text: { zh: '你好', en: 'Hi' }, next: 'b' }, 'end')).toEqual({
      type: 'end',
      text: { zh: '你好', en: 'Hi' },
    });
    expect(changeType({ type: 'end' }, 'say')).toEqual({ type: 'say', text: { zh: '', en: '' } });
    expect(changeType({ type: 'say', text: { zh: 'a', en: 'b' }, next: 'c' }, 'ask')).toMatchObject({
      type: 'ask',
      next: 'c',
    });
  });

  it('lists every link of a node with the field that names it', () => {
    const http = { type: 'http', url: '/x', next: 'a', onError: 'b', onStatus: { '404': 'c' } };
    expect(linksOf(http).map((l) => `${l.field}→${l.target}`)).toEqual([
      'next→a',
      'onError→b',
      'onStatus.404→c',
    ]);
    const branch = { type: 'branch', cases: [{ when: {}, next: 'x' }], default: 'y' };
    expect(linksOf(branch).map((l) => l.field)).toEqual(['cases.0.next', 'default']);
  });
});

describe('switching between the form and the source', () => {
  it('gives back the very text when nothing changed', () => {
    const doc = read(yaml);
    expect(encodeFlow(doc, 'yaml', { source: yaml, format: 'yaml' })).toBe(yaml);
  });

  it('keeps comments, styles and unknown fields of a YAML text where nothing changed', () => {
    const doc = setIn(read(yaml), ['nodes', 'done', 'text', 'en'], 'Done: a table for {{slots.guests}}.');
    const text = encodeFlow(doc, 'yaml', { source: yaml, format: 'yaml' });
    expect(text).toContain('# Book a table: how many guests, then done.');
    expect(text).toContain('next: done # after the answer');
    expect(text).toContain('owner: team-restaurants # not a flow field');
    expect(text).toContain('name: { zh: 预订餐桌, en: Book a table }');
    expect(read(text)).toEqual(doc);
  });

  it('keeps the order of a mapping the edit did not touch, numeric keys included', () => {
    const source = `${yaml}  call:\n    type: http\n    url: /x\n    onStatus:\n      "409": done\n      "404": done\n    next: done\n    onError: done\n`;
    const doc = setIn(read(source), ['nodes', 'done', 'text', 'en'], 'Booked.');
    const text = encodeFlow(doc, 'yaml', { source, format: 'yaml' });
    expect(text).toContain('onStatus:\n      "409": done\n      "404": done');
    expect(read(text)).toEqual(doc);
  });

  it('writes JSON, and reads back the same document', () => {
    const doc = read(yaml);
    const json = encodeFlow(doc, 'json');
    expect(decodeFlow(json, 'json')).toEqual({ ok: true, doc });
    expect(decodeFlow('[1, 2]', 'json').ok).toBe(false);
    expect(decodeFlow('a: [', 'yaml').ok).toBe(false);
    expect(decodeFlow('a: 1\na: 2\n', 'yaml').ok).toBe(false);
  });
});

describe('problems in the form', () => {
  const checked = {
    errors: [
      { path: 'nodes.ask_1.next', message: 'Invalid input: expected string, received undefined' },
      { path: 'nodes.ask_1.colour', message: 'unknown field' },
    ],
    warnings: [{ path: 'nodes.orphan', message: 'unreachable from the start node' }],
  };

  it('are shown at their field, and those no field claims above the node', () => {
    expect(unclaimed(checked, 'nodes.ask_1', ['next', 'slot.name']).map((p) => p.path)).toEqual([
      'nodes.ask_1.colour',
    ]);
    expect(unclaimed(checked, 'nodes.orphan', ['next']).map((p) => p.severity)).toEqual(['warning']);
  });

  it('are worded in the reader’s language when the editor knows them', () => {
    const [missing, unknown] = checked.errors;
    expect(problemText((key, vars) => translate('zh', key, vars), missing as never)).toBe('必填');
    expect(problemText((key, vars) => translate('en', key, vars), unknown as never)).toBe(
      'Unknown field "colour"',
    );
    expect(
      problemText((key, vars) => translate('en', key, vars), { path: 'start', message: 'no node "x"' }),
    ).toBe('There is no node "x"');
    expect(
      problemText((key, vars) => translate('en', key, vars), { path: '', message: 'something new' }),
    ).toBe('something new');
  });
});
