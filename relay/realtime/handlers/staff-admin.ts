/** The owner's management of colleagues: list, add, change role or deactivate, reset a password. */
import { mayManageClinic } from '../../../protocol/permissions.ts';
import { rooms } from '../../access/visibility.ts';
import { staffMember } from '../../store/staff-store.ts';
import type { StaffRoutes } from './staff-routes.ts';

type StaffAdminEvent = 'staff:list' | 'staff:add' | 'staff:update' | 'staff:reset-password';

export const staffAdminRoutes: Pick<StaffRoutes, StaffAdminEvent> = {
  'staff:list': {
    access: null,
    // Every colleague may list active staff (to assign); only the owner sees deactivated ones.
    allow: (role, { all }) => !all || mayManageClinic(role),
    async handle({ services, staff }, { all }) {
      return { staff: (await services.admin.listStaff(staff.clinicId, all)).map(staffMember) };
    },
  },

  'staff:add': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, request) {
      const { member, password } = await services.admin.addStaff(staff.clinicId, request);
      return { member: staffMember(member), password };
    },
  },

  'staff:update': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff, ns }, request) {
      const { before, after } = await services.admin.updateStaff(staff, request);
      if (!after.active || after.role !== before.role) {
        // Their sockets were joined to rooms of the old role: end them, the console reconnects (or signs out).
        const reason = before.active && !after.active ? 'deactivated' : 'role-changed';
        ns.to(rooms.staff(after.id)).emit('session:end', { reason });
        ns.in(rooms.staff(after.id)).disconnectSockets(true);
      }
      return { member: staffMember(after) };
    },
  },

  'staff:reset-password': {
    access: null,
    allow: mayManageClinic,
    async handle({ services, staff }, { staffId }) {
      return { password: await services.admin.resetPassword(staff.clinicId, staffId) };
    },
  },
};
