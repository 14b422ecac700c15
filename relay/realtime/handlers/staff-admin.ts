/** The owner's management of colleagues: list, add, change role or deactivate, reset a password. */
import { mayManageClinic } from '../../../protocol/permissions.ts';
import { rooms } from '../../access/visibility.ts';
import type { StaffAlertSettings } from '../../../protocol/contact-schema.ts';
import type { Role } from '../../../protocol/model.ts';
import { staffMember, type Staff } from '../../store/staff-store.ts';
import type { StaffId } from '../../../protocol/ids.ts';
import type { StaffServerToClient } from '../../../protocol/events.ts';
import type { StaffNamespace } from '../namespaces.ts';
import type { RelayServices } from '../relay-services.ts';
import type { StaffRoutes } from './staff-routes.ts';

type EndReason = Parameters<StaffServerToClient['session:end']>[0]['reason'];

/** Every socket of the member, on every relay (but those of the session `keep`), hears why and is disconnected. */
function endSockets(ns: StaffNamespace, staffId: StaffId, reason: EndReason, keep?: string): void {
  const kept = keep ? [rooms.session(keep)] : [];
  ns.to(rooms.staff(staffId)).except(kept).emit('session:end', { reason });
  ns.in(rooms.staff(staffId)).except(kept).disconnectSockets(true);
}

/** A member as the caller may see them: alert addresses are the owner's to read (personal phones). */
async function member(services: RelayServices, viewerRole: Role, staff: Staff) {
  const alerts: StaffAlertSettings = await services.stores.contacts.staffAlerts(staff.id);
  return staffMember(staff, mayManageClinic(viewerRole) ? alerts : { ...alerts, email: null, phone: null });
}

type StaffAdminEvent = 'staff:list' | 'staff:add' | 'staff:update' | 'staff:reset-password';

export const staffAdminRoutes: Pick<StaffRoutes, StaffAdminEvent> = {
  'staff:list': {
    access: null,
    // Every colleague may list active staff (to assign); only the owner sees deactivated ones.
    allow: (role, { all }) => !all || mayManageClinic(role),
    async handle({ services, staff }, { all }) {
      const members = await services.admin.listStaff(staff.clinicId, all);
      return { staff: await Promise.all(members.map((m) => member(services, staff.role, m))) };
    },
  },

  'staff:add': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, request) {
      const { member: added, password } = await services.admin.addStaff(staff.clinicId, request);
      return { member: await member(services, staff.role, added), password };
    },
  },

  'staff:update': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff, ns }, request) {
      const { before, after } = await services.admin.updateStaff(staff, request);
      // Their sockets were joined to rooms of the old role: end them, the console reconnects (or signs out).
      if (!after.active || after.role !== before.role) endSockets(ns, after.id, before.active && !after.active ? 'deactivated' : 'role-changed');
      return { member: await member(services, staff.role, after) };
    },
  },

  'staff:reset-password': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff, ns, socketId }, { staffId }) {
      // Resetting one's own password must not end the session that is to receive it.
      const keep = staffId === staff.id ? ns.sockets.get(socketId)?.data.session.id : undefined;
      const password = await services.admin.resetPassword(staff.clinicId, staffId, keep);
      endSockets(ns, staffId, 'password-reset', keep);
      return { password };
    },
  },
};
