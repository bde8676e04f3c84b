import type { User, Workspace } from '@tandem/domain';
import type { Me, Teammate } from '@tandem/protocol';

export const presentMe = (user: User, workspace: Workspace): Me => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  presence: user.presence,
  locale: user.locale,
  workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name },
});

export const presentTeammate = (user: User): Teammate => ({
  id: user.id,
  name: user.name,
  role: user.role,
  presence: user.presence,
});
