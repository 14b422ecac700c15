/**
 * `visitor:forget`, the widget's "Forget this device" (issue 10 §4): a patient on a shared
 * or borrowed computer ends this browser's hold on their conversations. Every token issued
 * to the browser (the one it holds and those rotated away from it) stops working and its
 * sockets close, on every relay; the patient's other devices keep theirs. The widget,
 * reconnecting with the dropped token, is refused with TOKEN_INVALID and starts afresh as
 * a new visitor. The conversations stay with the clinic.
 */
import type { Visitor } from '../../store/visitor-store.ts';
import { anyone } from '../event-router.ts';
import type { VisitorNamespace } from '../namespaces.ts';
import type { VisitorRoutes } from './visitor-conversation.ts';

/** The room of one browser's sockets (each visitor socket joins its token's device). */
export const deviceRoom = (visitor: Pick<Visitor, 'device'>) => `device:${visitor.device}`;

export function deviceRoutes(ns: VisitorNamespace): Pick<VisitorRoutes, 'visitor:forget'> {
  return {
    'visitor:forget': {
      access: null,
      allow: anyone,
      async handle({ services, visitor }) {
        await services.stores.visitors.forgetDevice(visitor);
        // After this event's ack has gone out (the router sends it when this resolves), so the widget hears it.
        setImmediate(() => ns.in(deviceRoom(visitor)).disconnectSockets(true));
        return {};
      },
    },
  };
}
