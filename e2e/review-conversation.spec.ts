/**
 * Issue 13 §1 end to end, in real Chromium with a real webhook receiver: a review site's
 * API key opens a conversation about a 2-star review; the invitation e-mail (the local
 * mail catcher) carries a link; the patient opens it, sees the review and the clinic's
 * first message and replies; the complaints manager sets a status step in the console;
 * the patient sees it, presses "Моя проблема решена" and rates; the signed webhooks
 * arrive and verify, and the API says solved-by-patient. A 5-star review is refused.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ReviewConversation, WebhookEvent } from '../protocol/review-api.ts';
import type { CaughtItem } from '../relay/notify/mail-catcher.ts';
import { startWebhookReceiver } from '../relay/testing/webhook-receiver.ts';
import { test, expect } from './support/fixtures.ts';
import { messageLog, signIn, uniqueWord } from './console-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function cli(redisUrl: string, args: string[]): string {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: redisUrl },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split('\n').at(-1)!;
}

test('a review conversation from API key to the patient\'s "My problem is solved", with signed webhooks', async ({ relay, clinic, page, browser }) => {
  test.setTimeout(90_000);
  const receiver = await startWebhookReceiver();
  const events = () => receiver.received.map(({ headers, body }) => ({ signature: String(headers['x-clinicchat-signature']), body }));
  try {
    const key = cli(relay.redisUrl, ['clinic', 'api-key', '--clinic', clinic.siteKey]);
    const secret = cli(relay.redisUrl, ['clinic', 'webhook', '--clinic', clinic.siteKey, '--url', receiver.url]);
    const post = (rating: number, reviewId: string, email: string) =>
      fetch(`${clinic.url}/api/v1/review-conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'authorization': `Bearer ${key}` },
        body: JSON.stringify({
          review: { id: reviewId, url: `https://reviews.example/${reviewId}`, rating },
          contact: { email },
          message: 'Здравствуйте! Спасибо за отзыв. Нам очень жаль — давайте разберёмся.',
        }),
      });

    const refused = await post(5, uniqueWord('five-'), 'happy@example.org');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('REVIEW_NOT_NEGATIVE');

    const email = `${uniqueWord('author')}@example.org`;
    const invited = new Promise<CaughtItem>((resolve) => relay.relay.mailCatcher!.onCaught((item) => item.to.includes(email) && resolve(item)));
    const created = await post(2, uniqueWord('rv-'), email);
    expect(created.status).toBe(201);
    const conversation = (await created.json()) as ReviewConversation;
    const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]{22}/.exec((await invited).text)?.[0];
    expect(link).toBeTruthy();

    // The patient opens the link: the review and the clinic's first message.
    await page.goto(link!);
    const chat = page.locator('clinic-chat');
    await expect(chat.getByText('Здравствуйте! Спасибо за отзыв.', { exact: false })).toBeVisible();
    await expect(chat.getByRole('link', { name: 'Ваш отзыв' })).toHaveAttribute('href', conversation.review.url);
    const word = uniqueWord('reply');
    await chat.getByRole('textbox', { name: 'Сообщение' }).fill(`Спасибо, жду ответа ${word}`);
    await chat.getByRole('button', { name: 'Отправить' }).click();

    // The complaints manager sets a status step from the console.
    const consolePage = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await signIn(consolePage, clinic, clinic.email('complaints'));
    await consolePage
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: new RegExp(word) })
      .click();
    await expect(messageLog(consolePage).getByText(word)).toBeVisible();
    await consolePage.getByLabel('Step the patient sees').selectOption('proposed');
    await expect(consolePage.getByRole('region', { name: 'Complaint progress' }).getByRole('listitem')).toHaveText(/A solution is proposed/);

    // The patient sees it with its time, says the problem is solved and rates.
    const progress = chat.getByRole('region', { name: 'Ход рассмотрения' });
    await expect(progress.getByRole('listitem')).toHaveText(/Предложено решение/);
    await expect(progress.locator('li time')).toHaveCount(1);
    await expect(progress.getByRole('button', { name: 'Пока нет' })).toBeVisible();
    await progress.getByRole('button', { name: 'Моя проблема решена' }).click();
    await progress.getByRole('radio', { name: '5 из 5' }).check();
    await progress.getByLabel('Комментарий (необязательно)').fill('Всё решили, спасибо');
    await progress.getByRole('button', { name: 'Отправить оценку' }).click();
    await expect(progress.getByText('Спасибо за оценку.')).toBeVisible();
    await expect(consolePage.getByText('The patient says the problem is solved')).toBeVisible();
    await expect(consolePage.getByText('Patient rating: 5/5')).toBeVisible();

    // The review site: signed webhooks, and the API.
    await expect
      .poll(() =>
        events()
          .map((e) => (JSON.parse(e.body) as WebhookEvent).type)
          .sort(),
      )
      .toEqual(['conversation.rated', 'review.conversation_started', 'review.solved']);
    for (const { signature, body } of events()) {
      const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
      expect(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')).toBe(mac);
      expect((JSON.parse(body) as WebhookEvent).data.review.id).toBe(conversation.review.id);
    }
    const api = await fetch(`${clinic.url}/api/v1/review-conversations/${conversation.id}`, { headers: { authorization: `Bearer ${key}` } });
    expect(((await api.json()) as ReviewConversation).status).toBe('solved-by-patient');
    await consolePage.context().close();
  } finally {
    await receiver.close();
  }
});

test('the complaints manager starts a conversation about a review in the console and gets writing advice; the owner sets steps and replays a webhook', async ({
  relay,
  clinic,
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const receiver = await startWebhookReceiver();
  const events = () => receiver.received.map(({ body }) => body);
  const owner = await (await browser.newContext({ locale: 'en-US' })).newPage();
  try {
    await signIn(owner, clinic, clinic.email('owner'));
    await owner.getByRole('button', { name: 'Complaints & reviews' }).click();
    const settings = owner.getByRole('dialog', { name: 'Complaints and reviews' });
    // API keys and the webhook from the console, as the CLI makes them: each secret shown once.
    await settings.getByLabel('New key name').fill('Review site');
    await settings.getByRole('button', { name: 'Create API key' }).click();
    await expect(settings.getByRole('status').filter({ hasText: /The new key .*cck_/ })).toBeVisible();
    await expect(settings.getByRole('button', { name: 'Revoke key Review site' })).toBeVisible();
    await settings.getByLabel('Webhook URL').fill(receiver.url);
    await settings.getByRole('button', { name: 'Set webhook URL' }).click();
    await expect(settings.getByRole('status').filter({ hasText: /Signing secret .*whsec_/ })).toBeVisible();
    await settings
      .getByLabel('Status steps patients see')
      .fill('received; Получили отзыв; Feedback received\nrefund; Оформляем возврат; Arranging a refund; *');
    await settings.getByLabel('Medical jargon').uncheck();
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByText('Settings saved.')).toBeVisible();
    await settings.getByRole('button', { name: 'Close' }).click();

    await signIn(page, clinic, clinic.email('complaints'));
    await page.getByRole('button', { name: 'Start a conversation about a review' }).click();
    const start = page.getByRole('dialog', { name: 'Start a conversation about a review' });
    const reviewId = uniqueWord('console-review-');
    await start.getByLabel('Review link').fill(`https://reviews.example/${reviewId}`);
    await start.getByLabel('Review id on the site').fill(reviewId);
    await start.getByLabel('Review rating').selectOption('2');
    await start.getByLabel('First message').fill(`Здравствуйте! Спасибо за отзыв ${reviewId}`);
    await start.getByRole('button', { name: 'Start the conversation' }).click();
    await expect(start).toBeHidden();
    await expect(messageLog(page).getByText(reviewId)).toBeVisible();
    const progress = page.getByRole('region', { name: 'Complaint progress' });
    await expect(progress.getByRole('link', { name: 'Review (2/5)' })).toHaveAttribute('href', `https://reviews.example/${reviewId}`);
    await progress.getByLabel('Step the patient sees').selectOption('refund');
    await expect(progress.getByRole('listitem')).toHaveText(/Arranging a refund/);

    // Advice while writing, never blocking; the owner's switch turned the jargon rule off.
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Please delete your review, the anamnesis was fine');
    const advice = page.getByRole('list', { name: 'Writing advice' });
    await expect(advice.getByRole('listitem')).toHaveText([/Do not ask to delete or change the review/]);
    await reply.fill('Thank you for your feedback — we are sorry and will sort it out.');
    await expect(advice).toHaveCount(0);

    // The owner's delivery log shows the conversation's webhook; a replay sends the same event again.
    await expect.poll(() => events().length).toBe(1);
    await owner.getByRole('button', { name: 'Complaints & reviews' }).click();
    await settings.getByRole('button', { name: 'Refresh deliveries' }).click();
    await settings.getByRole('button', { name: 'Replay review.conversation_started (attempt 1)' }).first().click();
    await expect.poll(() => events().length).toBe(2);
    expect(events()[1]).toBe(events()[0]);
    expect((JSON.parse(events()[0]!) as WebhookEvent).data.review.id).toBe(reviewId);
  } finally {
    await receiver.close();
    await owner.context().close();
  }
});
