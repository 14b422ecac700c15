/**
 * Staff as patients meet them (issue 13 §3, R1: people, not a bot): a photo, the name they
 * answer with and, for a doctor, a specialty; the owner decides which doctors accept chats.
 * Photos are public (not patient data): `GET /staff-photos/<staff id>` serves the member's
 * photo, or a transparent square when there is none, so a picture never breaks.
 */
import { Type } from '@sinclair/typebox';
import { SPECIALTY_MAX } from './people-limits.ts';

export * from './people-limits.ts';

export const SpecialtySchema = Type.String({ maxLength: SPECIALTY_MAX });

/** The profile fields of a staff member as the console sees them (StaffMemberSchema). */
export const StaffProfileFields = {
  specialty: Type.Optional(Type.String()),
  /** A doctor the owner offers to patients; others are not in the widget's picker. */
  acceptsChats: Type.Optional(Type.Boolean()),
  photo: Type.Optional(Type.Boolean()),
};
