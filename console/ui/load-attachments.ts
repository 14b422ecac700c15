/** Fetches the attachment elements (attachments.ts), a chunk of their own, once; resolves when they are defined. */
export const loadAttachments = (): Promise<unknown> => import('./attachments.ts');
