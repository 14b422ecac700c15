/**
 * What the access log records (plain values, no schema code, so the console may import it):
 * a staff member opened a thread, read a history page, the patient profile, a search hit,
 * an attachment, or exported a patient; erased one (by hand or by the retention job); sent
 * a resume link; or a patient's browser used one; or signed a patient out on all devices.
 */
export const ACCESS_ACTIONS = [
  'open',
  'history',
  'profile',
  'search-hit',
  'attachment',
  'export',
  'erase',
  'retention-erase',
  'link-sent',
  'link-used',
  'sessions-ended',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
