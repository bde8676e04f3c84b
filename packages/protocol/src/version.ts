/** Bumped on any breaking change to REST bodies or realtime events. Clients send it on connect. */
export const PROTOCOL_VERSION = 1;
