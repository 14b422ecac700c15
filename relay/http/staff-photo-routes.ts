/**
 * Staff photos over HTTP (issue 13 §3). `PUT /api/v1/staff/:staffId/photo` takes the raw
 * image as its body from the member themselves or their clinic's owner (the console's
 * session cookie, same origin only); `DELETE` removes it. `GET /staff-photos/:staffId` is
 * public: a staff photo is no patient data, it is shown to every visitor of the clinic's
 * site, and the staff id is already in what patients receive (a random 22-character id,
 * so photos cannot be listed). The URL follows the id, not the photo, so the threads and
 * messages that name a member never point at a replaced picture; browsers keep it five
 * minutes and then revalidate with the version as its ETag.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import { Type } from '@sinclair/typebox';
import { API_PREFIX } from '../../protocol/http.ts';
import { StaffIdSchema, type StaffId } from '../../protocol/ids.ts';
import { mayManageClinic } from '../../protocol/permissions.ts';
import { protocolError } from '../../protocol/errors.ts';
import type { Attachments } from '../attachments/attachments.ts';
import { blankPhoto, STAFF_PHOTO_MIME } from '../attachments/staff-photos.ts';
import { ClientError } from '../errors.ts';
import { parsePayload } from '../payload-check.ts';
import type { Stores } from '../store/stores.ts';
import { staffMember, type Staff } from '../store/staff-store.ts';
import { signedInStaff } from './auth-routes.ts';
import { FILE_HELMET } from './attachment-routes.ts';
import { isSameOrigin } from './cookies.ts';

/** Uploads per client address per minute: a member tries a few pictures. */
const UPLOADS_PER_MINUTE = 20;
/** Photo requests per client address per minute: every visitor behind a clinic's one address sees the same few. */
const VIEWS_PER_MINUTE = 1200;
/** Browsers revalidate a photo after this long: a new one shows within five minutes. */
const PHOTO_MAX_AGE_SECONDS = 300;

const ParamsSchema = Type.Object({ staffId: StaffIdSchema });

interface StaffPhotoDeps {
  stores: Stores;
  attachments: Attachments;
  publicUrl: string | null;
}

export async function staffPhotoRoutes(app: FastifyInstance, { stores, attachments, publicUrl }: StaffPhotoDeps): Promise<void> {
  const photos = attachments.staffPhotos;
  const bodyLimit = attachments.limits.imageBytesMax;
  await app.register(fastifyRateLimit, { max: UPLOADS_PER_MINUTE, timeWindow: '1 minute' });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send(protocolError('ATTACHMENT_TOO_LARGE', { max: bodyLimit }));
    throw error;
  });

  /** The member whose photo the signed-in caller may change: themselves, or (the owner) a colleague. */
  async function editable(request: FastifyRequest): Promise<Staff> {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) throw new ClientError('AUTH_REQUIRED');
    const origin = request.headers.origin;
    if (origin !== undefined && !isSameOrigin(origin, { protocol: request.protocol, host: request.host }, publicUrl)) throw new ClientError('CSRF_REJECTED');
    const { staffId } = parsePayload(ParamsSchema, request.params);
    const me = signedIn.staff;
    if (staffId !== me.id && !mayManageClinic(me.role)) throw new ClientError('FORBIDDEN');
    const member = await stores.staff.get(staffId);
    if (!member || member.clinicId !== me.clinicId) throw new ClientError('NOT_FOUND');
    return member;
  }

  /** Points the member at `version` ('' for none), then deletes the file it replaced. */
  async function switchTo(member: Staff, version: string) {
    const after = await stores.staff.update(member.id, { photo: version });
    if (member.photo) await photos.delete(member.id, member.photo);
    return { member: staffMember(after!, await stores.contacts.staffAlerts(member.id)) };
  }

  app.put(`${API_PREFIX}/staff/:staffId/photo`, async (request, reply) => {
    const member = await editable(request);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const version = await photos.put(member.id, body);
    return reply.header('cache-control', 'no-store').send(await switchTo(member, version));
  });

  app.delete(`${API_PREFIX}/staff/:staffId/photo`, async (request, reply) => {
    const member = await editable(request);
    return reply.header('cache-control', 'no-store').send(await switchTo(member, ''));
  });

  app.get(
    '/staff-photos/:staffId',
    { helmet: FILE_HELMET, config: { rateLimit: { max: VIEWS_PER_MINUTE, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { staffId } = parsePayload(ParamsSchema, request.params);
      const member = await stores.staff.get(staffId as StaffId);
      // A deactivated member's photo is no longer shown.
      const version = member?.active ? member.photo : '';
      const etag = `"${version || 'none'}"`;
      void reply
        .header('content-type', STAFF_PHOTO_MIME)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', `public, max-age=${PHOTO_MAX_AGE_SECONDS}`)
        .header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const body = version ? await photos.open(staffId, version) : null;
      return reply.send(body ?? (await blankPhoto()));
    },
  );
}
