export * from './admin.ts';
export * from './common.ts';
export * from './conversation.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './rest.ts';
export * from './user.ts';
export * from './version.ts';
