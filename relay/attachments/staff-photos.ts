/**
 * Staff photos (issue 13 §3) beside the attachments, through the same checks: the type
 * from the bytes, the image size limit, decoding in the processing slots, metadata gone.
 * Each upload is a new version (`staff-photos/<staff id>/<version>`): the member's record
 * names the current one, so a reader never sees half a replacement, and the old file is
 * deleted after the switch.
 */
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import type { StaffId } from '../../protocol/ids.ts';
import { STAFF_PHOTO_SIDE } from '../../protocol/people-limits.ts';
import { ClientError } from '../errors.ts';
import { newEntityId } from '../store/random-ids.ts';
import { checkSize, detectKind } from './file-kinds.ts';
import { squarePhoto } from './image-processing.ts';
import { storageStep, type AttachmentStorage } from './storage.ts';

export const STAFF_PHOTO_MIME = 'image/webp';

const fileKey = (staffId: StaffId, version: string) => `staff-photos/${staffId}/${version}`;

let blank: Promise<Buffer> | null = null;
/** What is served for a member without a photo: one transparent pixel, so the initials under it show. */
export const blankPhoto = (): Promise<Buffer> =>
  (blank ??= sharp({ create: { width: 1, height: 1, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .webp({ lossless: true })
    .toBuffer());

export function createStaffPhotos(storage: AttachmentStorage, limits: { imageBytesMax: number; documentBytesMax: number }) {
  return {
    /** Processes and stores a new photo; returns its version, for the member's record. */
    async put(staffId: StaffId, body: Buffer): Promise<string> {
      const detected = await detectKind(body);
      if (detected.kind !== 'image') throw new ClientError('ATTACHMENT_TYPE', { reason: 'a photo must be an image' });
      checkSize(detected.kind, body.length, limits);
      const photo = await squarePhoto(body, detected.mime, STAFF_PHOTO_SIDE);
      const version = newEntityId();
      await storageStep(() => storage.put(fileKey(staffId, version), photo, STAFF_PHOTO_MIME));
      return version;
    },

    open(staffId: StaffId, version: string): Promise<Readable | null> {
      return storageStep(() => storage.get(fileKey(staffId, version)));
    },

    delete(staffId: StaffId, version: string): Promise<void> {
      return storageStep(() => storage.delete(fileKey(staffId, version)));
    },
  };
}

export type StaffPhotos = ReturnType<typeof createStaffPhotos>;
