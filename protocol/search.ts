/** The schemas of conversation search (`inbox:search`, issue 12 §2). */
import { Type, type Static } from '@sinclair/typebox';
import { StreamIdSchema } from './ids.ts';
import { StaffThreadSchema } from './model.ts';

export const SEARCH_FIELDS = ['message', 'name', 'email', 'phone'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_LIMIT_MAX = 50;

export const SearchRequestSchema = Type.Object(
  {
    query: Type.String({ minLength: 1, maxLength: 200 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: SEARCH_LIMIT_MAX })),
  },
  { additionalProperties: false },
);
export type SearchRequest = Static<typeof SearchRequestSchema>;

export const SearchHitSchema = Type.Object({
  thread: StaffThreadSchema,
  field: Type.Union(SEARCH_FIELDS.map((field) => Type.Literal(field))),
  /** The message that matched, to jump to; null when the patient's name, e-mail or phone did. */
  messageId: Type.Union([StreamIdSchema, Type.Null()]),
  /** What matched: the message's text, or the patient's field. */
  text: Type.String(),
});
export type SearchHit = Static<typeof SearchHitSchema>;

export const SearchResultSchema = Type.Object({ hits: Type.Array(SearchHitSchema) });
export type SearchResult = Static<typeof SearchResultSchema>;
