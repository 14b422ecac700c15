/**
 * `GET /api/openapi.json`: an OpenAPI 3.1 description of the server API, built from the
 * protocol's TypeBox schemas (which are JSON Schema, OpenAPI 3.1's schema dialect), so
 * the description cannot drift from what the relay validates.
 */
import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { ERRORS, type ErrorCode } from '../../protocol/errors.ts';
import { ReviewConversationRequestSchema, ReviewConversationSchema, WEBHOOK_SIGNATURE_HEADER, WebhookEventSchema } from '../../protocol/review-api.ts';
import { EntityIdSchema } from '../../protocol/ids.ts';
import { REPORTS_PATH, ReportQuerySchema, ReportSchema } from '../../protocol/reports.ts';

/** A schema as plain JSON (TypeBox's symbol keys dropped). */
const json = (schema: TSchema): unknown => JSON.parse(JSON.stringify(schema));

const ErrorBody = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string', enum: Object.keys(ERRORS) }, message: { type: 'string' }, data: { type: 'object' } },
};

const errors = (...codes: ErrorCode[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(ERRORS[code].status),
      { description: `${code}: ${ERRORS[code].message}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );

const conversation = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewConversation' } } },
});

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'clinic-chat server API',
      version: '1',
      description:
        `Private conversations with the authors of negative reviews. Every route takes a clinic API key (\`npm run relay -- clinic api-key\`). ` +
        `Webhooks are POSTed as \`WebhookEvent\`, signed in \`${WEBHOOK_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">\`.`,
    },
    components: {
      securitySchemes: { clinicApiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ReviewConversationRequest: json(ReviewConversationRequestSchema),
        ReviewConversation: json(ReviewConversationSchema),
        WebhookEvent: json(WebhookEventSchema),
        Report: json(ReportSchema),
        Error: ErrorBody,
      },
    },
    security: [{ clinicApiKey: [] }],
    paths: {
      '/api/v1/review-conversations': {
        post: {
          operationId: 'openReviewConversation',
          summary: 'Open a private conversation with the author of a negative review (one per review id)',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ReviewConversationRequest' } } } },
          responses: {
            '201': conversation('Created; `link` only when no contact was given'),
            '200': conversation('The review already has this conversation'),
            ...errors('BAD_REQUEST', 'API_KEY_INVALID', 'REVIEW_NOT_NEGATIVE', 'RATE_LIMITED'),
          },
        },
      },
      '/api/v1/review-conversations/{id}': {
        get: {
          operationId: 'getReviewConversation',
          summary: "A conversation's status, thread and review",
          parameters: [{ name: 'id', in: 'path', required: true, schema: json(EntityIdSchema) }],
          responses: { '200': conversation('The conversation'), ...errors('BAD_REQUEST', 'API_KEY_INVALID', 'NOT_FOUND') },
        },
      },
      [REPORTS_PATH]: {
        get: {
          operationId: 'getReport',
          summary: "The clinic's quality report over UTC days `from`–`to` (inclusive): per colleague and for the clinic, and per day",
          parameters: (['from', 'to'] as const).map((name) => ({ name, in: 'query', required: true, schema: json(ReportQuerySchema.properties[name]) })),
          responses: {
            '200': { description: 'The report', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } } },
            ...errors('BAD_REQUEST', 'API_KEY_INVALID'),
          },
        },
      },
    },
  };
}

export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  const document = JSON.stringify(openApiDocument());
  app.get('/api/openapi.json', async (_request, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(document));
}
