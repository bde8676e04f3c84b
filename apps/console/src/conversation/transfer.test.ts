import type { Teammate, TeamView } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { conversation } from '../store/testFixtures.ts';
import { expertTeams, mayHandle, onlineIn, staffNames, transferPeople } from './transfer.ts';

const id = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;
const mate = (n: number, name: string, presence: Teammate['presence'], role: Teammate['role'] = 'agent') => ({
  id: id(n),
  name,
  presence,
  role,
});
/** The parts of a team the helpers read. */
const team = (n: number, name: string, tier: 1 | 2, members: Teammate[]) => ({
  id: id(100 + n),
  name,
  tier,
  members: members.map(({ id, name, presence }): TeamView['members'][number] => ({ id, name, presence })),
});

const wang = mate(1, '王小明', 'online');
const li = mate(2, 'Li Na', 'away');
const zhang = mate(3, '张专家 Zhang', 'online', 'expert');
const boss = mate(4, 'Admin', 'offline', 'admin');

describe('transferPeople', () => {
  it('leaves out the assignee and lists people online first, then by name', () => {
    expect(transferPeople([boss, li, zhang, wang], wang.id).map((m) => m.name)).toEqual([
      '张专家 Zhang',
      'Li Na',
      'Admin',
    ]);
  });
});

describe('teams', () => {
  it('counts who is online and finds the expert tier', () => {
    const presale = team(1, '售前 Pre-sales', 1, [wang, li]);
    const experts = team(2, '投诉专家 Complaints', 2, [zhang]);
    expect(onlineIn(presale)).toBe(1);
    expect(expertTeams([presale, experts])).toEqual([experts]);
    expect(staffNames([wang], [presale, experts]).get(zhang.id)).toBe('张专家 Zhang');
  });
});

describe('mayHandle', () => {
  const served = conversation({ status: 'assigned', assignee: { id: wang.id, name: wang.name } });
  it('lets the assignee and supervisors or admins pass a served conversation on', () => {
    expect(mayHandle(served, { id: wang.id, role: 'agent' })).toBe(true);
    expect(mayHandle(served, { id: li.id, role: 'agent' })).toBe(false);
    expect(mayHandle(served, { id: zhang.id, role: 'expert' })).toBe(false);
    expect(mayHandle(served, { id: boss.id, role: 'admin' })).toBe(true);
    expect(mayHandle(served, { id: li.id, role: 'supervisor' })).toBe(true);
  });
  it('not a conversation nobody serves', () => {
    expect(mayHandle(conversation({ status: 'queued' }), { id: boss.id, role: 'admin' })).toBe(false);
    expect(mayHandle(conversation({ status: 'resolved' }), { id: wang.id, role: 'agent' })).toBe(false);
  });
});
