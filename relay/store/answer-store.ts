import type { AttachmentRef } from '../../protocol/attachments.ts';
import type { ClinicId } from '../../protocol/ids.ts';
import type { ReadyAnswer, SaveAnswer } from '../../protocol/requests.ts';
import type { RelayRedis } from './redis-client.ts';
import { keys } from './keys.ts';
import { newEntityId } from './random-ids.ts';

/** A clinic's ready answers (R4): short texts staff insert with `/shortcut`. */
export function createAnswerStore(redis: RelayRedis) {
  return {
    async list(clinicId: ClinicId): Promise<ReadyAnswer[]> {
      const all = Object.values(await redis.hgetall(keys.answers(clinicId))).map((raw) => JSON.parse(raw) as ReadyAnswer);
      return all.sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    },

    async get(clinicId: ClinicId, id: string): Promise<ReadyAnswer | null> {
      const raw = await redis.hget(keys.answers(clinicId), id);
      return raw ? (JSON.parse(raw) as ReadyAnswer) : null;
    },

    /**
     * Saves a new answer, or replaces one of this clinic's; null when `id` is not the clinic's.
     * `files`: the references of `input.attachments` (the clinic's answer files).
     */
    async save(clinicId: ClinicId, input: SaveAnswer, files?: AttachmentRef[]): Promise<ReadyAnswer | null> {
      if (input.id && !(await redis.hexists(keys.answers(clinicId), input.id))) return null;
      const answer: ReadyAnswer = { id: input.id ?? newEntityId(), shortcut: input.shortcut, title: input.title, text: input.text };
      if (files?.length) answer.attachments = files;
      await redis.hset(keys.answers(clinicId), answer.id, JSON.stringify(answer));
      return answer;
    },

    async remove(clinicId: ClinicId, id: string): Promise<boolean> {
      return (await redis.hdel(keys.answers(clinicId), id)) === 1;
    },
  };
}
