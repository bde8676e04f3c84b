import {
  type BusinessHoursBody,
  businessHoursSchema,
  type Person,
  type PersonInviteBody,
  type PersonInvited,
  type PersonPasswordReset,
  type PersonUpdateBody,
  peopleListSchema,
  personInvitedSchema,
  personPasswordResetSchema,
  personResponseSchema,
  type TeamBody,
  type TeamView,
  teamViewSchema,
} from '@tandem/protocol';
import { z } from 'zod';
import { request } from './api.ts';

const teamEnvelope = z.object({ team: teamViewSchema });
const hoursEnvelope = z.object({ hours: businessHoursSchema.nullable(), open: z.boolean() });
const removedEnvelope = z.object({ removed: z.string() });
const personPath = (id: string) => `/api/admin/people/${encodeURIComponent(id)}`;
const teamPath = (id: string) => `/api/admin/teams/${encodeURIComponent(id)}`;

/** Settings: people and roles, teams with hours and SLA, the general queue's hours. */
export const adminApi = {
  async people(): Promise<Person[]> {
    return (await request('GET', '/api/admin/people', peopleListSchema)).people;
  },
  async invite(body: PersonInviteBody): Promise<PersonInvited> {
    return request('POST', '/api/admin/people', personInvitedSchema, body);
  },
  async updatePerson(id: string, body: PersonUpdateBody): Promise<Person> {
    return (await request('PUT', personPath(id), personResponseSchema, body)).person;
  },
  async resetPassword(id: string): Promise<PersonPasswordReset> {
    return request('POST', `${personPath(id)}/reset-password`, personPasswordResetSchema, {});
  },
  async createTeam(body: TeamBody): Promise<TeamView> {
    return (await request('POST', '/api/admin/teams', teamEnvelope, body)).team;
  },
  async updateTeam(id: string, body: TeamBody): Promise<TeamView> {
    return (await request('PUT', teamPath(id), teamEnvelope, body)).team;
  },
  async removeTeam(id: string): Promise<void> {
    await request('DELETE', teamPath(id), removedEnvelope);
  },
  async generalHours(): Promise<{ hours: BusinessHoursBody | null; open: boolean }> {
    return request('GET', '/api/admin/hours', hoursEnvelope);
  },
  async setGeneralHours(
    hours: BusinessHoursBody | null,
  ): Promise<{ hours: BusinessHoursBody | null; open: boolean }> {
    return request('PUT', '/api/admin/hours', hoursEnvelope, { hours });
  },
};
