/**
 * `GET /c/<code>`: a resume link from a notice or an invite (issue 8, R9). The code is
 * burnt on the first request (GETDEL); a valid one binds this browser to the same
 * patient with a new visitor token (the patient's other devices keep theirs), is written
 * to the clinic's access log, and serves the hosted conversation page: the clinic's
 * `<clinic-chat>` in full-page mode, handed the token once. A used, expired or guessed
 * code gets the "expired" page and grants nothing; too many lookups from one address get
 * 429. Every answer is `no-store` (and, like every route, `no-referrer`), so neither the
 * code nor the page is kept by a cache or leaked to another site.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ResumeLinks } from '../notify/resume-links.ts';
import type { Stores } from '../store/stores.ts';
import { elementChunkPath } from './static-routes.ts';
import { escapeHtml } from './escape-html.ts';

interface ResumeDeps {
  stores: Stores;
  resumeLinks: ResumeLinks;
  publicUrl(): string;
}

/** The patient may not know the clinic's language yet: refusals say it in both. */
const REFUSALS = {
  expired: {
    status: 410,
    title: 'Ссылка устарела · Link expired',
    lines: ['Ссылка устарела — попросите клинику прислать новую.', 'This link has expired — ask the clinic for a new one.'],
  },
  limited: {
    status: 429,
    title: 'Слишком много попыток · Too many attempts',
    lines: ['Слишком много попыток открыть ссылку. Попробуйте позже.', 'Too many attempts to open a link. Try again later.'],
  },
} as const;

const STYLE = 'html,body{margin:0;height:100%;font-family:system-ui,sans-serif}main{max-width:32rem;margin:20vh auto;padding:0 1rem;line-height:1.5}';
/** The page's one inline `<style>`, which its CSP allows by hash (security-headers.ts). */
export const HOSTED_PAGE_STYLE = `<style>${STYLE}</style>`;

function page(reply: FastifyReply, status: number, lang: string, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex')
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>${HOSTED_PAGE_STYLE}</head><body>${body}</body></html>`,
    );
}

function refusal(reply: FastifyReply, kind: keyof typeof REFUSALS): FastifyReply {
  const { status, title, lines } = REFUSALS[kind];
  return page(reply, status, 'ru', title, `<main>${lines.map((line, i) => `<p lang="${i === 0 ? 'ru' : 'en'}">${escapeHtml(line)}</p>`).join('')}</main>`);
}

export async function resumeRoutes(app: FastifyInstance, { stores, resumeLinks, publicUrl }: ResumeDeps): Promise<void> {
  app.get<{ Params: { code: string } }>('/c/:code', async (request, reply) => {
    if (!(await resumeLinks.allowLookup(request.ip))) return refusal(reply, 'limited');
    const payload = await resumeLinks.consume(request.params.code);
    const clinic = payload && (await stores.clinics.get(payload.clinicId));
    const issued = clinic && (await stores.visitors.issueFor(payload.visitorId, clinic.id));
    if (!clinic || !issued) return refusal(reply, 'expired');
    await stores.accessLog.record(clinic.id, { action: 'link-used', staffId: null, visitorId: issued.visitor.id });

    const chunk = elementChunkPath();
    if (!chunk) request.log.warn({ code: 'RELAY_ERR_NOT_BUILT', missing: ['widget'] }, 'the hosted conversation page needs the widget: run `npm run build`');
    const lang = clinic.locale === 'en' ? 'en' : 'ru';
    const element = `<clinic-chat site-key="${escapeHtml(clinic.siteKey)}" relay="${escapeHtml(publicUrl())}" mode="page" lang="${lang}" resume-token="${escapeHtml(issued.token)}"></clinic-chat>`;
    const script = chunk ? `<script src="${escapeHtml(publicUrl() + chunk)}"></script>` : '';
    return page(reply, 200, lang, clinic.name, `${element}${script}`);
  });
}
