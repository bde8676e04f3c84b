/** Socket.IO room names: one per workspace (staff), per staff member, per conversation (staff), per contact (widget). */
export const rooms = {
  workspace: (id: string) => `ws:${id}`,
  user: (id: string) => `user:${id}`,
  conversation: (id: string) => `conv:${id}`,
  contact: (id: string) => `contact:${id}`,
};
