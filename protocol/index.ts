// The whole wire contract. Browser code should import from the individual files
// (limits.ts, errors.ts, and `import type` from the rest) so bundles stay free of the schemas.
export * from './limits.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './model.ts';
export * from './requests.ts';
export * from './events.ts';
export * from './http.ts';
export * from './permissions.ts';
export * from './message-text.ts';
export * from './presence.ts';
export * from './slots.ts';
export * from './locales.ts';
export * from './attachment-limits.ts';
export * from './attachments.ts';
