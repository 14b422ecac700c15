import type { Role } from '../../../protocol/model.ts';
import type { StaffRequests, StaffResults } from '../../../protocol/events.ts';
import type { Routes } from '../event-router.ts';
import type { StaffContext } from '../namespaces.ts';

/** The staff namespace's route table; each domain file provides its part. */
export type StaffRoutes = Routes<StaffRequests, StaffResults, StaffContext, Role>;
