/**
 * Attachments over HTTP (issue 9). `POST /api/v1/attachments?threadId=…` takes the raw
 * file as its body (any Content-Type: the relay decides from the bytes) from the thread's
 * patient (`Authorization: Bearer <visitor token>`, as the widget's handshake sends it) or
 * from staff who may write to it (the console's session cookie, same origin only); the
 * thread rules are the sockets' own (realtime/thread-access.ts); `?scope=answers` instead
 * stores a file of the clinic's ready answers (owner and admins). `GET /files/:attachmentId`
 * serves a file to whoever holds a signed URL (`attachment:url`), with headers that keep
 * a browser from running or sniffing it. Outside the console API's JSON-only CSRF scope:
 * a cookie upload must come from the relay's origin, a bearer token is never sent by a
 * browser on its own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type {} from '@fastify/helmet';
import { FILE_NAME_HEADER, IDEMPOTENCY_KEY_HEADER } from '../../protocol/attachment-limits.ts';
import {
  AttachmentIdSchema,
  AttachmentUploadQuerySchema,
  IdempotencyKeySchema,
  SignedFileQuerySchema,
  type SignedFileQuery,
} from '../../protocol/attachments.ts';
import { API_PREFIX } from '../../protocol/http.ts';
import { protocolError } from '../../protocol/errors.ts';
import type { ThreadId } from '../../protocol/ids.ts';
import { Type, type Static } from '@sinclair/typebox';
import { mayEditAnswers } from '../../protocol/permissions.ts';
import type { AttachmentScope } from '../attachments/attachment-store.ts';
import { staffRef, type Staff } from '../store/staff-store.ts';
import { senderKey } from '../store/thread-store.ts';
import type { Attachments } from '../attachments/attachments.ts';
import { ClientError } from '../errors.ts';
import { parsePayload, payloadError } from '../payload-check.ts';
import { staffThreadAccess, visitorThreadAccess } from '../realtime/thread-access.ts';
import type { Stores } from '../store/stores.ts';
import { signedInStaff } from './auth-routes.ts';
import { isSameOrigin } from './cookies.ts';

/** Uploads per client address per minute: a patient sends a few photos at a time. */
const UPLOADS_PER_MINUTE = 60;
/** Downloads per client address per minute: a console page of thumbnails, several colleagues behind one address. */
const DOWNLOADS_PER_MINUTE = 1200;
const BEARER = /^Bearer ([\x21-\x7e]+)$/;
const FileParamsSchema = Type.Object({ attachmentId: AttachmentIdSchema });

interface AttachmentRouteDeps {
  stores: Stores;
  attachments: Attachments;
  publicUrl: string | null;
}

/** The file's headers: never run, never sniffed, never framed, kept out of shared caches. */
export const FILE_HELMET = {
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'sandbox': [] } },
  // Clinic sites show the widget's images from here.
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
};

export async function attachmentRoutes(app: FastifyInstance, { stores, attachments, publicUrl }: AttachmentRouteDeps): Promise<void> {
  const { imageBytesMax, documentBytesMax } = attachments.limits;
  const bodyLimit = Math.max(imageBytesMax, documentBytesMax);
  await app.register(fastifyRateLimit, { max: UPLOADS_PER_MINUTE, timeWindow: '1 minute' });
  // The body is the file itself, whatever the browser calls it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error, _request, reply) => {
    if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send(protocolError('ATTACHMENT_TOO_LARGE', { max: bodyLimit }));
    }
    throw error;
  });

  /** The uploader as the thread's owner key, if they may write to it; NOT_FOUND for a thread that is not theirs. */
  async function threadUploader(request: FastifyRequest, threadId: ThreadId): Promise<string> {
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token) {
      const meta = await stores.threads.get(threadId);
      const visitor = meta && (await stores.visitors.resolve(token, meta.clinicId));
      if (!visitor) throw new ClientError('NOT_FOUND');
      await visitorThreadAccess(stores, visitor)(threadId, 'write');
      // A patient's file is their data too: none before their consent where the clinic asks for it (issue 13 §3).
      if ((await stores.clinics.get(meta.clinicId))?.privacy.consentRequired && !(await stores.consents.get(visitor.id))) {
        throw new ClientError('CONSENT_REQUIRED');
      }
      return senderKey({ kind: 'patient' });
    }
    const staff = await signedInMember(request);
    await staffThreadAccess(stores, { id: staff.id, clinicId: staff.clinicId, role: staff.role })(threadId, 'write');
    return senderKey({ kind: 'staff', staff: staffRef(staff) });
  }

  /** The staff member whose session cookie came from the relay's own origin. */
  async function signedInMember(request: FastifyRequest): Promise<Staff> {
    const signedIn = await signedInStaff(stores, request);
    if (!signedIn) throw new ClientError('AUTH_REQUIRED');
    const origin = request.headers.origin;
    if (origin !== undefined && !isSameOrigin(origin, { protocol: request.protocol, host: request.host }, publicUrl)) {
      throw new ClientError('CSRF_REJECTED');
    }
    return signedIn.staff;
  }

  /** Where the upload goes and who owns it: a thread the caller may write, or their clinic's answers (editors only). */
  async function destination(request: FastifyRequest, query: Static<typeof AttachmentUploadQuerySchema>): Promise<{ scope: AttachmentScope; owner: string }> {
    if ('threadId' in query) return { scope: { threadId: query.threadId }, owner: await threadUploader(request, query.threadId) };
    const staff = await signedInMember(request);
    if (!mayEditAnswers(staff.role)) throw new ClientError('FORBIDDEN');
    return { scope: { answersOf: staff.clinicId }, owner: senderKey({ kind: 'staff', staff: staffRef(staff) }) };
  }

  app.post(`${API_PREFIX}/attachments`, async (request, reply) => {
    const query = parsePayload(AttachmentUploadQuerySchema, request.query);
    const key = request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
    const keyProblem = payloadError(IdempotencyKeySchema, key);
    if (keyProblem) throw new ClientError('BAD_REQUEST', { path: `/headers/${IDEMPOTENCY_KEY_HEADER}`, reason: keyProblem.data?.reason });
    const { scope, owner } = await destination(request, query);
    const name = request.headers[FILE_NAME_HEADER.toLowerCase()];
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const { attachment, created } = await attachments.upload({
      scope,
      owner,
      idempotencyKey: key as string,
      name: typeof name === 'string' ? name : undefined,
      body,
    });
    return reply
      .code(created ? 201 : 200)
      .header('cache-control', 'no-store')
      .send({ attachment });
  });

  app.get(
    '/files/:attachmentId',
    {
      helmet: FILE_HELMET,
      config: { rateLimit: { max: DOWNLOADS_PER_MINUTE, timeWindow: '1 minute' } },
      // The URL is a capability for its few minutes: request lines (info) would write it to the log.
      logLevel: 'warn',
    },
    async (request, reply) => {
      const { attachmentId } = parsePayload(FileParamsSchema, request.params);
      const query = payloadError(SignedFileQuerySchema, request.query) ? null : (request.query as SignedFileQuery);
      const file = query && (await attachments.open(attachmentId, query));
      if (!file) return reply.code(404).send(protocolError('ATTACHMENT_NOT_FOUND'));
      const { ref, variant, body } = file;
      const disposition = ref.kind === 'document' ? 'attachment' : 'inline';
      const ascii = ref.name.replace(/[^\x20-\x7e]/g, '_');
      void reply
        .header('content-type', ref.mime)
        .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(ref.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=300');
      if (variant === 'original') void reply.header('content-length', String(ref.size));
      return reply.send(body);
    },
  );
}
