/**
 * Web Push on this device (issue 12 §1), in a chunk of its own: registers the console's
 * service worker (static/sw.js), subscribes with the relay's VAPID key and hands the
 * subscription to the relay; or takes it back. The browser asks the person first.
 */
import type { PushSubscriptionBody } from '../../protocol/push.ts';
import type { Workspace } from '../state/workspace.ts';

const WORKER = '/console/sw.js';
const SCOPE = '/console/';

export type PushOutcome = 'on' | 'off' | 'denied' | 'unavailable';

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register(WORKER, { scope: SCOPE });
  return navigator.serviceWorker.ready;
}

/** Whether this browser is subscribed now. */
export async function pushState(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || Notification.permission !== 'granted') return false;
  const existing = await navigator.serviceWorker.getRegistration(SCOPE);
  return Boolean(await existing?.pushManager.getSubscription());
}

export async function enablePush(workspace: Workspace): Promise<PushOutcome> {
  if (!('serviceWorker' in navigator)) return 'unavailable';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const worker = await registration();
  if (!worker.pushManager) return 'unavailable';
  const { publicKey } = await workspace.push.key();
  try {
    const subscription = await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
    await workspace.push.subscribe(subscription.toJSON() as PushSubscriptionBody);
    return 'on';
  } catch (error) {
    // No push service reachable from this browser (e.g. one without Google's services).
    console.warn('[console] push subscription', error);
    return 'unavailable';
  }
}

export async function disablePush(workspace: Workspace): Promise<PushOutcome> {
  const subscription = await (await navigator.serviceWorker.getRegistration(SCOPE))?.pushManager.getSubscription();
  if (subscription) {
    await workspace.push.unsubscribe(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return 'off';
}
