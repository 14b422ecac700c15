/**
 * The owner's tools — staff, clinic settings, the outbox, complaint settings and webhooks, a patient's export and erasure — in a chunk of their own:
 * only owners fetch it (workspace-view imports it for them), so every other role's
 * console loads less. Lit upgrades the elements, with the properties already set on them.
 */
import './staff-manager.ts';
import './clinic-settings.ts';
import './outbox-view.ts';
import './review-settings.ts';
import './patient-data.ts';
