/**
 * A staff member's photo over HTTP (issue 13 §3): `PUT` the picked file as the body (the
 * relay decides its type from the bytes, re-encodes it and strips its metadata), `DELETE`
 * to remove it. Same origin, with the session cookie; the member themselves or the owner.
 */
import { API_PREFIX } from '../../protocol/constants.ts';
import { STAFF_PHOTO_PATH } from '../../protocol/people-limits.ts';
import type { StaffId } from '../../protocol/ids.ts';
import { ClientError } from '../../widget/client/client-core.ts';
import { failure } from './http-session.ts';

export async function setStaffPhoto(staffId: StaffId, file: Blob | null): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}/staff/${encodeURIComponent(staffId)}/photo`, {
      method: file ? 'PUT' : 'DELETE',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(file ? { 'content-type': 'application/octet-stream' } : {}) },
      ...(file ? { body: file } : {}),
    });
  } catch (cause) {
    throw new ClientError('OFFLINE', 'The relay cannot be reached.', { cause });
  }
  if (!response.ok) throw await failure(response);
}

/** The photo as the console shows it: `version` changes the URL after an upload, so the browser does not show its cached one. */
export const staffPhotoSrc = (staffId: StaffId, version: number) => `${STAFF_PHOTO_PATH}/${staffId}?v=${version}`;
